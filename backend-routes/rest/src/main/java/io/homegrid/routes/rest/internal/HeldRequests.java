package io.homegrid.routes.rest.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker consumers that keep HTTP requests open (command long polls, live streams). On stop
 * they are closed, which wakes their blocked {@code receive} at once: otherwise the HTTP server
 * waits out their timeouts and then interrupts them, and Ctrl-C took 15 s and a stack trace.
 */
public final class HeldRequests implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeldRequests.class);

    private final Set<MessageConsumer> held = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Blocks like {@code consumer.receive(timeoutMillis)}, and answers null at once when the
     * server stops, before or during the wait.
     */
    public Message receive(MessageConsumer consumer, long timeoutMillis) throws JMSException {
        held.add(consumer);
        try {
            return closed ? null : consumer.receive(timeoutMillis);
        } catch (JMSException e) {
            if (closed) {
                return null; // the stop closed the consumer just before the receive began
            }
            throw e;
        } finally {
            held.remove(consumer);
        }
    }

    /** True once stopping: a receive that answered null may have been woken by {@link #close}. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        for (MessageConsumer consumer : held) {
            try {
                consumer.close();
            } catch (JMSException e) {
                // The request ends anyway when its receive times out; nothing else depends on it.
                LOG.debug("Closing a held consumer on stop failed", e);
            }
        }
    }
}
