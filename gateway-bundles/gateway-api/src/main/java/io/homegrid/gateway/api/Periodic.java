package io.homegrid.gateway.api;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run on a daemon thread of its own at a fixed delay (device sweep, cache retention, node
 * discovery), until closed. A failed run is logged and the schedule goes on: an executor would
 * otherwise cancel it silently on the first exception.
 */
public final class Periodic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private final ScheduledExecutorService executor;
    private final Duration period;

    private Periodic(ScheduledExecutorService executor, Duration period) {
        this.executor = executor;
        this.period = period;
    }

    public static Periodic every(Duration period, Duration initialDelay, String name, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Periodic task {} failed; it runs again in {}", name, period, e);
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new Periodic(executor, period);
    }

    public static Periodic every(Duration period, String name, Runnable task) {
        return every(period, period, name, task);
    }

    public Duration period() {
        return period;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
