package io.homegrid.routes.rest.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.jms.JMSException;
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

    /** Registers a consumer a request is about to block on; false when stopping, so answer now. */
    public boolean hold(MessageConsumer consumer) {
        held.add(consumer);
        if (closed) {
            held.remove(consumer);
            return false;
        }
        return true;
    }

    public void release(MessageConsumer consumer) {
        held.remove(consumer);
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
