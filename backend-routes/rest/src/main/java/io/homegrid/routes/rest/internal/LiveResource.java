package io.homegrid.routes.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.routes.rest.BusUnavailableException;

/**
 * Live CEP outputs as Server-Sent Events ({@code text/event-stream}), optionally for one gateway:
 * each connection is a subscriber of {@code cep.out} with a selector on the gateway. A comment
 * line every 15 s keeps proxies from closing it and notices a client that went away.
 */
@Path("/api/v1/live")
public final class LiveResource implements AutoCloseable {

    private static final long HEARTBEAT_MS = 15_000;

    private final ConnectionFactory connectionFactory;
    private final HeldRequests held = new HeldRequests();

    public LiveResource(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @GET
    @Produces("text/event-stream")
    public Response live(@QueryParam("gateway") String gateway) {
        String selector = gateway == null ? null
                : Headers.GATEWAY + " = '" + QueryParams.id(gateway, "gateway") + "'";
        Connection connection;
        MessageConsumer consumer;
        try {
            connection = connectionFactory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            consumer = session.createConsumer(session.createTopic(Destinations.CEP_OUT), selector);
            connection.start();
        } catch (JMSException e) {
            throw new BusUnavailableException("cannot subscribe to cep.out", e);
        }
        StreamingOutput stream = out -> {
            try (connection) {
                out.write(": homegrid live CEP outputs\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                stream(consumer, out);
            } catch (JMSException e) {
                throw new IOException("the live subscription ended: " + e.getMessage(), e);
            }
        };
        return Response.ok(stream).header("Cache-Control", "no-cache").build();
    }

    /** Until the client goes away (the write fails) or the server stops (the consumer is closed). */
    private void stream(MessageConsumer consumer, OutputStream out) throws JMSException, IOException {
        while (!held.closed()) {
            Message message = held.receive(consumer, HEARTBEAT_MS);
            if (message instanceof TextMessage text) {
                write(out, "event: " + message.getStringProperty("kind") + "\ndata: " + text.getText() + "\n\n");
            } else if (!held.closed()) {
                write(out, ": keep-alive\n\n");
            }
        }
    }

    /** Ends the live streams when the server stops. */
    @Override
    public void close() {
        held.close();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
