package io.homegrid.persistence.internal.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.retry.Backoff;

/**
 * Consumes a queue in transacted JMS sessions and hands the handler every message waiting in
 * the prefetch buffer at once, so one database transaction stores many messages. The JMS
 * session commits only after the handler returned: a crash in between redelivers messages the
 * database already has, which the handler must (and does) drop as duplicates.
 *
 * <p>Failures: a transient one (database away) is retried after a growing pause, keeping every
 * message; a data failure stores the batch's messages one by one and moves the one that still
 * fails to {@code <queue>.dead}, so it never blocks the queue.
 */
public final class QueueBatchConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueBatchConsumer.class);
    private static final long RECEIVE_TIMEOUT_MS = 500;
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ConnectionFactory connectionFactory;
    private final String queueName;
    private final int threads;
    private final int maxUnitsPerBatch;
    private final String unitsProperty;
    private final BatchHandler handler;
    private final AtomicLong deadLettered = new AtomicLong();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> workers = new ArrayList<>();
    /** Per worker: when the oldest message it holds was accepted (epoch ms), or 0 while it holds none. */
    private final AtomicLongArray inHandSince;
    private volatile Connection connection;

    /**
     * @param unitsProperty   int message property giving the message's weight (readings in it),
     *                        or null to count messages
     * @param maxUnitsPerBatch stop gathering once this weight is reached
     */
    public QueueBatchConsumer(ConnectionFactory connectionFactory, String queueName, int threads,
            int maxUnitsPerBatch, String unitsProperty, BatchHandler handler) {
        this.connectionFactory = connectionFactory;
        this.queueName = queueName;
        this.threads = threads;
        this.maxUnitsPerBatch = maxUnitsPerBatch;
        this.unitsProperty = unitsProperty;
        this.handler = handler;
        this.inHandSince = new AtomicLongArray(threads);
    }

    public synchronized void start() throws JMSException {
        if (connection != null) {
            return;
        }
        connection = connectionFactory.createConnection();
        connection.setExceptionListener(e -> LOG.warn("Connection of consumer of {} failed: {}", queueName, e.toString()));
        for (int i = 0; i < threads; i++) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            int slot = i;
            Thread worker = new Thread(() -> run(session, slot), "persist-" + queueName + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        connection.start();
        workers.forEach(Thread::start);
        LOG.info("Consuming {} with {} thread(s)", queueName, threads);
    }

    public boolean running() {
        return connection != null && stop.getCount() > 0 && workers.stream().allMatch(Thread::isAlive);
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Age of the oldest message any worker holds, by its {@link Headers#RECEIVED} time; zero when none holds one. */
    public Duration lag() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < inHandSince.length(); i++) {
            long since = inHandSince.get(i);
            if (since > 0) {
                oldest = Math.min(oldest, since);
            }
        }
        return oldest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - oldest));
    }

    @Override
    public synchronized void close() {
        stop.countDown();
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.warn("Closing the consumer connection of {} failed", queueName, e);
            }
        }
    }

    private void run(Session session, int slot) {
        try (session) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            MessageProducer dead = session.createProducer(session.createQueue(Destinations.deadLetterQueue(queueName)));
            while (stop.getCount() > 0) {
                List<Message> batch = gather(consumer);
                inHandSince.set(slot, oldestReceived(batch));
                try {
                    if (!batch.isEmpty() && !storeRetrying(session, dead, batch)) {
                        session.rollback();
                    }
                } finally {
                    inHandSince.set(slot, 0);
                }
            }
        } catch (JMSException e) {
            if (stop.getCount() > 0) {
                LOG.error("Consumer of {} stopped: the broker connection failed", queueName, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Keeps the batch's messages in hand, inside the open JMS transaction, until they are stored:
     * a database outage of any length then costs no redelivery and cannot push messages into
     * the broker's dead-letter queue. Answers false only when stopped before success.
     */
    private boolean storeRetrying(Session session, MessageProducer dead, List<Message> batch)
            throws JMSException, InterruptedException {
        Backoff backoff = new Backoff(INITIAL_BACKOFF, MAX_BACKOFF);
        while (!store(session, dead, batch)) {
            if (stop.await(backoff.failed().toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return true;
    }

    private List<Message> gather(MessageConsumer consumer) throws JMSException {
        List<Message> batch = new ArrayList<>();
        Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
        int units = 0;
        while (message != null) {
            batch.add(message);
            units += weight(message);
            if (units >= maxUnitsPerBatch) {
                break;
            }
            message = consumer.receiveNoWait();
        }
        return batch;
    }

    private static long oldestReceived(List<Message> batch) throws JMSException {
        long oldest = 0;
        for (Message message : batch) {
            if (message.propertyExists(Headers.RECEIVED)) {
                long received = message.getLongProperty(Headers.RECEIVED);
                oldest = oldest == 0 ? received : Math.min(oldest, received);
            }
        }
        return oldest;
    }

    private int weight(Message message) throws JMSException {
        if (unitsProperty == null || !message.propertyExists(unitsProperty)) {
            return 1;
        }
        return Math.max(1, message.getIntProperty(unitsProperty));
    }

    /**
     * Stores the batch and commits the session. Answers false when a transient failure means the
     * batch must be retried; true once it is stored, dead-lettered, or handed back to the broker.
     */
    private boolean store(Session session, MessageProducer dead, List<Message> batch) throws JMSException {
        try {
            handler.handle(bodies(batch));
            session.commit();
            return true;
        } catch (Exception e) {
            if (Failures.isTransient(e)) {
                LOG.warn("Storing {} message(s) from {} failed, will retry: {}", batch.size(), queueName, e.toString());
                return false;
            }
            if (batch.size() == 1) {
                deadLetter(session, dead, batch.get(0), e);
                session.commit();
                return true;
            }
            LOG.warn("Storing {} message(s) from {} failed ({}); storing them one by one", batch.size(), queueName,
                    e.toString());
        }
        for (Message message : batch) {
            try {
                handler.handle(bodies(List.of(message)));
            } catch (Exception e) {
                if (Failures.isTransient(e)) {
                    // Give the batch back to the broker rather than hold it: dead letters already
                    // sent in this transaction must not be sent twice by a retry.
                    LOG.warn("Storing a message from {} failed, the broker will redeliver: {}", queueName, e.toString());
                    session.rollback();
                    return true;
                }
                deadLetter(session, dead, message, e);
            }
        }
        session.commit();
        return true;
    }

    private void deadLetter(Session session, MessageProducer dead, Message message, Exception cause)
            throws JMSException {
        // A received message's properties are read-only: send a copy that carries the reason.
        Message copy = message instanceof TextMessage text ? session.createTextMessage(text.getText()) : message;
        if (copy != message) {
            copy.setStringProperty(Headers.GATEWAY, message.getStringProperty(Headers.GATEWAY));
            copy.setStringProperty("originalMessageId", message.getJMSMessageID());
            copy.setStringProperty("deadLetterReason", String.valueOf(cause));
        }
        dead.send(copy);
        deadLettered.incrementAndGet();
        LOG.error("[{}] message {} from {} cannot be stored and was moved to {}", gatewayOf(message),
                message.getJMSMessageID(), queueName, Destinations.deadLetterQueue(queueName), cause);
    }

    private static String gatewayOf(Message message) throws JMSException {
        String gateway = message.getStringProperty(Headers.GATEWAY);
        return gateway == null ? "unknown gateway" : gateway;
    }

    private static List<Body> bodies(List<Message> messages) throws JMSException {
        List<Body> bodies = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (message instanceof TextMessage text) {
                bodies.add(new Body(text.getText(), null));
            } else if (message instanceof BytesMessage bytes) {
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                bytes.reset();
                bodies.add(new Body(null, body));
            } else {
                throw new IllegalArgumentException("expected a text or bytes message, got " + message.getClass().getSimpleName());
            }
        }
        return bodies;
    }
}
