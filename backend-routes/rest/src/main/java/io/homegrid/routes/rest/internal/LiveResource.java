package io.homegrid.routes.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.routes.rest.BusUnavailableException;
import io.homegrid.security.Caller;
import io.homegrid.security.Scope;

/**
 * Live CEP outputs as Server-Sent Events ({@code text/event-stream}) of the gateways the caller
 * may see, or of one of them: each connection is a subscriber of {@code cep.out} with a selector
 * on those gateways. A comment line every 15 s keeps proxies from closing it and notices a client
 * that went away. An application's stream ends within a second of its grant being revoked.
 */
@Path("/api/v1/live")
public final class LiveResource implements AutoCloseable {

    private static final long HEARTBEAT_MS = 15_000;
    /** How often a stream asks again whether its caller may still see it. */
    private static final long RECHECK_MS = 400;

    private final Access access;
    private final ConnectionFactory connectionFactory;
    private final HeldRequests held = new HeldRequests();
    private final ConcurrentRequests streams;

    public LiveResource(Access access, ConnectionFactory connectionFactory, int streamsPerIdentity,
            ConcurrentRequests.Budget held) {
        this.streams = new ConcurrentRequests("live streams", streamsPerIdentity, held);
        this.access = access;
        this.connectionFactory = connectionFactory;
    }

    @GET
    @Produces("text/event-stream")
    public Response live(@QueryParam("gateway") String gateway, @QueryParam("replay") String replay,
            @Context SecurityContext security) {
        Long isolated = replay == null ? null : QueryParams.replay(replay);
        Caller caller = CallerContext.of(security);
        Set<String> gateways;
        if (gateway != null) {
            access.gateway(caller, QueryParams.id(gateway, "gateway"), Scope.LIVE_READ);
            gateways = Set.of(gateway);
        } else {
            gateways = access.gateways(caller, Scope.LIVE_READ);
        }
        BooleanSupplier allowed = caller instanceof Caller.Application ? () -> stillAllowed(caller, gateways) : () -> true;
        ConcurrentRequests.Slot slot = streams.take(caller.name());
        Connection connection;
        MessageConsumer consumer;
        try {
            connection = connectionFactory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // One subscription to both topics (an ActiveMQ composite destination): CEP outputs, and replay progress.
            consumer = session.createConsumer(session.createTopic(Destinations.CEP_OUT + "," + Destinations.REPLAY_PROGRESS),
                    selector(gateways, households(gateways), isolated));
            connection.start();
        } catch (JMSException | RuntimeException e) {
            slot.close();
            throw e instanceof JMSException jms ? new BusUnavailableException("cannot subscribe to cep.out", jms)
                    : (RuntimeException) e;
        }
        StreamingOutput stream = out -> {
            try (slot; connection) {
                out.write(": homegrid live CEP outputs\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                stream(consumer, out, allowed);
            } catch (JMSException e) {
                throw new IOException("the live subscription ended: " + e.getMessage(), e);
            }
        };
        return Response.ok(stream).header("Cache-Control", "no-cache").build();
    }

    /** The households of the gateways: their replays' progress comes on the stream too. */
    private Set<String> households(Set<String> gateways) {
        return gateways == null ? null : gateways.stream().map(gateway -> access.control().householdOf(gateway))
                .flatMap(Optional::stream).collect(Collectors.toSet());
    }

    /**
     * The caller's gateways' outputs and households' replay progress (everything for operators,
     * nothing when no gateway is visible); an isolated replay's outputs only when asked for.
     */
    private static String selector(Set<String> gateways, Set<String> households, Long replay) {
        String replayed = replay == null ? Headers.REPLAY + " IS NULL" : Headers.REPLAY + " = " + replay;
        if (gateways == null) {
            return replayed;
        }
        if (gateways.isEmpty()) {
            return "1 = 0";
        }
        // Gateway and household ids are checked identifiers (no quotes): they stand in the selector as they are.
        return "(" + Headers.GATEWAY + " IN (" + quoted(gateways) + ") OR " + Headers.HOUSEHOLD + " IN (" + quoted(households)
                + ")) AND " + replayed;
    }

    private static String quoted(Set<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }

    private boolean stillAllowed(Caller caller, Set<String> gateways) {
        try {
            for (String gateway : gateways) {
                access.gateway(caller, gateway, Scope.LIVE_READ);
            }
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /** Until the client goes away (the write fails), the server stops, or the caller's grant ends. */
    private void stream(MessageConsumer consumer, OutputStream out, BooleanSupplier allowed)
            throws JMSException, IOException {
        long quietSince = System.nanoTime();
        while (!held.closed()) {
            if (!allowed.getAsBoolean()) {
                write(out, "event: revoked\ndata: {\"reason\":\"the grant for this stream was revoked or has expired\"}\n\n");
                return;
            }
            Message message = held.receive(consumer, RECHECK_MS);
            if (message instanceof TextMessage text) {
                write(out, "event: " + message.getStringProperty("kind") + "\ndata: " + text.getText() + "\n\n");
                quietSince = System.nanoTime();
            } else if (!held.closed() && (System.nanoTime() - quietSince) / 1_000_000 >= HEARTBEAT_MS) {
                write(out, ": keep-alive\n\n");
                quietSince = System.nanoTime();
            }
        }
    }

    /** Ends the live streams when the server stops. */
    /** Live streams open now. */
    public int openStreams() {
        return streams.open();
    }

    @Override
    public void close() {
        held.close();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
