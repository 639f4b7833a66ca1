package io.homegrid.cep.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.json.Json;

/**
 * Publishes CEP outputs to {@code cep.out} from its own thread: statement listeners only queue,
 * so the engine waits on the broker only when it is gone for long enough to fill the queue. Outputs are persistent, for the persistence
 * connector's queue behind the virtual topic; the gateway and statement travel as properties,
 * so live subscribers can select by gateway. A community's residual load also goes to its own
 * topic, for the community agents. The one as it stands goes there only, as it is not stored,
 * and on a lane of its own: behind a backlog of persistent outputs (a day of history pushed at
 * once) it would come too late for a battery to act on.
 */
public final class CepPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CepPublisher.class);
    private static final int CAPACITY = 50_000;
    /** Residual loads as they stand: a newer one follows within seconds, so few need to wait. */
    private static final int LIVE_CAPACITY = 1_000;
    /** The prefix of the statements whose outputs go to a community's topic. */
    private static final String COMMUNITY_STATEMENTS = "community-residual-";

    private final ConnectionFactory connectionFactory;
    private final AtomicLong published = new AtomicLong();
    private final Lane stored = new Lane("cep-publisher", CAPACITY, true);
    private final Lane live = new Lane("cep-publisher-live", LIVE_CAPACITY, false);
    private volatile boolean running = true;

    public CepPublisher(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public void start() {
        stored.worker.start();
        live.worker.start();
    }

    /**
     * A stored output waits for room while the broker is gone (the bus messages it came from stay
     * unacknowledged, so the engine must not drop it and acknowledge them); a live residual never
     * waits: a full queue drops it and counts it, as a newer one follows.
     */
    public void offer(CepOutput output) {
        (CommunityResidual.LIVE_STATEMENT.equals(output.statement()) ? live : stored).offer(output);
    }

    /**
     * Runs {@code then} on the publishing thread once every stored output offered so far has
     * gone to the broker: the bus message those outputs came from may be acknowledged then.
     */
    public void afterPublished(Runnable then) {
        stored.after(then);
    }

    public long published() {
        return published.get();
    }

    /** Publishes what is still queued (up to 10 s), then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        stored.stop();
        live.stop();
    }

    /** One queue and the thread that sends it, persistent or not. */
    private final class Lane {

        private final BlockingQueue<CepOutput> queue;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong queued = new AtomicLong();
        private final AtomicLong sent = new AtomicLong();
        /** What runs once the outputs queued before it are sent; in the order it was asked for. */
        private final ConcurrentLinkedQueue<After> after = new ConcurrentLinkedQueue<>();
        /** The output whose send failed, sent again first once reconnected. */
        private CepOutput unsent;
        private final Thread worker;
        private final String name;
        private final boolean persistent;

        Lane(String name, int capacity, boolean persistent) {
            this.name = name;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.persistent = persistent;
            this.worker = new Thread(this::run, name);
            worker.setDaemon(true);
        }

        void offer(CepOutput output) {
            if (persistent ? waitFor(output) : queue.offer(output)) {
                queued.incrementAndGet();
            } else if (dropped.incrementAndGet() % 1_000 == 1) {
                LOG.warn("{} queue full: {} output(s) dropped so far", name, dropped.get());
            }
        }

        /** Waits while running; a publisher that is closing drops what does not fit. */
        private boolean waitFor(CepOutput output) {
            try {
                if (queue.offer(output)) {
                    return true;
                }
                LOG.warn("{} queue full: the engine waits for the broker", name);
                while (running) {
                    if (queue.offer(output, 1, TimeUnit.SECONDS)) {
                        return true;
                    }
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Called from the engine's thread only, as {@link #offer} is, so the count is the outputs before it. */
        void after(Runnable then) {
            after.add(new After(queued.get(), then));
        }

        private void runDue() {
            After next;
            while ((next = after.peek()) != null && next.queued() <= sent.get()) {
                after.poll();
                next.then().run();
            }
        }

        void stop() throws InterruptedException {
            worker.join(TimeUnit.SECONDS.toMillis(10));
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(TimeUnit.SECONDS.toMillis(2));
            }
            if (persistent && !queue.isEmpty()) {
                LOG.warn("CEP publisher stopped with {} output(s) not published", queue.size());
            }
        }

        private void run() {
            while (running || persistent && !queue.isEmpty()) {
                try (Connection connection = connectionFactory.createConnection();
                        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                    // the stored lane's outputs go to cep.out, persistent; community topics take either lane's
                    MessageProducer out = null;
                    if (persistent) {
                        out = session.createProducer(session.createTopic(Destinations.CEP_OUT));
                        out.setDeliveryMode(DeliveryMode.PERSISTENT);
                    }
                    MessageProducer communities = session.createProducer(null);
                    communities.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                    CepOutput output;
                    while ((output = unsent != null ? unsent : queue.poll(200, TimeUnit.MILLISECONDS)) != null
                            || running) {
                        if (output != null) {
                            // kept until sent: the messages it came from are acknowledged after it
                            unsent = output;
                            TextMessage message;
                            try {
                                message = message(session, output);
                            } catch (JsonProcessingException e) {
                                // an output the engine made that JSON cannot hold: a bug, and sending it again fails again
                                LOG.error("CEP output of '{}' not published", output.statement(), e);
                                unsent = null;
                                sent.incrementAndGet();
                                continue;
                            }
                            if (out != null) {
                                out.send(message);
                            }
                            if (output.statement().startsWith(COMMUNITY_STATEMENTS)) {
                                communities.send(session.createTopic(Destinations.communityResidual(
                                        (String) output.values().get("community"))), message);
                            }
                            unsent = null;
                            published.incrementAndGet();
                            sent.incrementAndGet();
                        }
                        runDue();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (JMSException e) {
                    if (!running && Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    LOG.warn("Publishing CEP outputs failed, reconnecting: {}", e.toString());
                    try {
                        TimeUnit.SECONDS.sleep(1);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private record After(long queued, Runnable then) {
    }

    private static TextMessage message(Session session, CepOutput output) throws JMSException, JsonProcessingException {
        TextMessage message = session.createTextMessage(Json.mapper().writeValueAsString(output));
        if (output.replay() != null) {
            // Live subscribers see isolated replays' outputs only when they ask for that replay.
            message.setLongProperty(Headers.REPLAY, output.replay());
        }
        if (output.gateway() != null) {
            message.setStringProperty(Headers.GATEWAY, output.gateway());
        }
        message.setStringProperty("statement", output.statement());
        message.setStringProperty("kind", output.kind());
        return message;
    }
}
