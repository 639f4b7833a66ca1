package io.homegrid.launcher.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Things started in order and stopped in reverse, each stop attempted even if another failed. */
public final class Resources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private final Deque<Named> started = new ArrayDeque<>();

    public <T extends AutoCloseable> T add(String name, T resource) {
        started.push(new Named(name, resource));
        return resource;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            Named next = started.pop();
            try {
                next.resource().close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", next.name(), e);
            }
        }
    }

    private record Named(String name, AutoCloseable resource) {
    }
}
