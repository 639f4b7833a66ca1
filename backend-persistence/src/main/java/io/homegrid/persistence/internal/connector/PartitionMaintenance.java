package io.homegrid.persistence.internal.connector;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.persistence.internal.jdbc.ReadingPartitions;

/** Runs {@link ReadingPartitions#maintain()} at start and then on a fixed period, on a thread of its own. */
public final class PartitionMaintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final ReadingPartitions partitions;
    private final Duration every;
    private ScheduledExecutorService executor;

    public PartitionMaintenance(ReadingPartitions partitions, Duration every) {
        this.partitions = partitions;
        this.every = every;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reading-partitions");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            partitions.maintain();
        } catch (Exception e) {
            // The next pass tries again; the writer makes the partitions it needs itself.
            LOG.warn("Reading partition maintenance failed, will retry in {}: {}", every, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
