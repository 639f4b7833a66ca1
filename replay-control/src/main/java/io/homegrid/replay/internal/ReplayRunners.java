package io.homegrid.replay.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.jms.ConnectionFactory;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplaySettings;
import io.homegrid.replay.ReplayState;

/**
 * The replays this backend sends, on a pool of {@code maxRunning} threads; more wait in its queue.
 * Each holds its {@link ReplayLease} from launch to end, so that of several instances sharing the
 * database one sends it.
 */
public final class ReplayRunners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunners.class);
    /** How long a cancel waits for another instance's runner to stop: within the REST API's wait for the answer. */
    private static final Duration REMOTE_STOP_WAIT = Duration.ofSeconds(4);

    private final ReplaySettings settings;
    private final ReplayCatalog catalog;
    private final DataSource dataSource;
    private final ReplaySource source;
    private final ConnectionFactory connectionFactory;
    private final Clock clock;
    private final Map<Long, ReplayRunner> runners = new ConcurrentHashMap<>();
    private final Map<Long, ReplayLease> leases = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    public ReplayRunners(ReplaySettings settings, ReplayCatalog catalog, DataSource dataSource, ReplaySource source,
            ConnectionFactory connectionFactory, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.dataSource = dataSource;
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

    /**
     * Starts (or queues) a recorded replay, unless it runs already, here or at another instance,
     * or has ended.
     *
     * @return whether this backend took it up now
     */
    public synchronized boolean launch(long id) {
        if (runners.containsKey(id)) {
            return false;
        }
        Replay replay = catalog.get(id).orElse(null);
        if (replay == null || replay.state().finished()) {
            return false;
        }
        Optional<ReplayLease> lease = ReplayLease.take(dataSource, id);
        if (lease.isEmpty()) {
            LOG.debug("Replay {} is sent by another instance", id);
            return false;
        }
        leases.put(id, lease.get());
        ReplayRunner runner = new ReplayRunner(id, catalog, source, connectionFactory, settings, clock, () -> {
            runners.remove(id);
            release(id);
        });
        runners.put(id, runner);
        pool.execute(runner);
        return true;
    }

    private void release(long id) {
        ReplayLease lease = leases.remove(id);
        if (lease != null) {
            lease.close();
        }
    }

    /**
     * Cancels a replay: when this returns, nothing more of it is sent. A replay another instance
     * sends stops there at its next look at the catalog (within {@code progressEvery}), and gives
     * its lease up; this waits for that.
     */
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
        if (runner == null && !ReplayLease.awaitReleased(dataSource, id, REMOTE_STOP_WAIT)) {
            LOG.warn("Replay {} is cancelled, but the instance sending it did not stop within {}", id, REMOTE_STOP_WAIT);
        }
    }

    /**
     * Takes up what is queued or running and no runner holds: left by a stopped backend, or by
     * an instance that died.
     *
     * @return how many this backend took up
     */
    public int resumeUnfinished() {
        int resumed = 0;
        for (Replay replay : catalog.unfinished()) {
            if (launch(replay.id())) {
                resumed++;
            }
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
        } finally {
            // runners the pool never started: their leases go with them
            leases.keySet().forEach(this::release);
        }
    }
}
