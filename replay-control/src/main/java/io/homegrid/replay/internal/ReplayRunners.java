package io.homegrid.replay.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.jms.ConnectionFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplaySettings;
import io.homegrid.replay.ReplayState;

/** The replays this backend sends, on a pool of {@code maxRunning} threads; more wait in its queue. */
public final class ReplayRunners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunners.class);

    private final ReplaySettings settings;
    private final ReplayCatalog catalog;
    private final ReplaySource source;
    private final ConnectionFactory connectionFactory;
    private final Clock clock;
    private final Map<Long, ReplayRunner> runners = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    public ReplayRunners(ReplaySettings settings, ReplayCatalog catalog, ReplaySource source,
            ConnectionFactory connectionFactory, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.source = source;
        this.connectionFactory = connectionFactory;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.maxRunning(), runnable -> {
            Thread thread = new Thread(runnable, "homegrid-replay-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts (or queues) a recorded replay, unless it runs already or has ended. */
    public synchronized void launch(long id) {
        if (runners.containsKey(id)) {
            return;
        }
        Replay replay = catalog.get(id).orElse(null);
        if (replay == null || replay.state().finished()) {
            return;
        }
        ReplayRunner runner = new ReplayRunner(id, catalog, source, connectionFactory, settings, clock,
                () -> runners.remove(id));
        runners.put(id, runner);
        pool.execute(runner);
    }

    /** Cancels a replay: when this returns, nothing more of it is sent. */
    public void cancel(long id) {
        ReplayRunner runner = runners.remove(id);
        if (runner != null) {
            try {
                runner.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (catalog.finish(id, ReplayState.CANCELLED, null, clock.instant())) {
            LOG.info("Replay {} cancelled", id);
        }
    }

    /** Takes up what a stopped backend left queued or running. */
    public int resumeUnfinished() {
        int resumed = 0;
        for (Replay replay : catalog.unfinished()) {
            launch(replay.id());
            resumed++;
        }
        return resumed;
    }

    public int running() {
        return runners.size();
    }

    private void stopAll() {
        for (ReplayRunner runner : runners.values()) {
            try {
                runner.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Replays did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
