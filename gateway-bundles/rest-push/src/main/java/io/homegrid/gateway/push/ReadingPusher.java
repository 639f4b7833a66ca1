package io.homegrid.gateway.push;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.retry.Backoff;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.Reading;

/**
 * Delivers the cache to the backend. Each round sends live readings (taken within the last
 * {@link #LIVE_WINDOW}) first, so live data stays live after an outage, then a slice of the
 * backlog, oldest first, at the configured rate. A reading leaves the cache only on 202; failures are retried with a growing
 * pause. The device list is pushed whenever it changed.
 */
public final class ReadingPusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPusher.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);
    /** Readings younger than this are live; older ones are backlog, sent at the paced rate. */
    static final Duration LIVE_WINDOW = Duration.ofSeconds(10);
    /** The backend answers 422 when it refused every reading: they are recorded there as invalid. */
    private static final int ALL_REFUSED = 422;
    /** However long the backend asks, ask again after this at the latest: it may have caught up sooner. */
    static final Duration MAX_BUSY_WAIT = Duration.ofMinutes(5);
    /**
     * How long a round woken by a new reading waits for the rest of its burst: the radio delivers
     * a home's samples one device after the other, and a few milliseconds make one push of them
     * instead of one push each, at a cost the live path can afford.
     */
    static final Duration LINGER = Duration.ofMillis(20);

    private final BackendClient backend;
    private final ReadingCache cache;
    private final DeviceDirectory devices;
    private final PushSettings settings;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Released by the cache on every append, and on close: the pause between rounds ends early. */
    private final Semaphore work = new Semaphore(0);
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong busyAnswers = new AtomicLong();
    private final Thread worker;
    private long devicesPushed = -1;
    private double backlogCredit;
    private long lastRound = System.nanoTime();
    private volatile boolean reachable;
    private volatile Instant lastPush;

    private final Clock clock;

    public ReadingPusher(BackendClient backend, ReadingCache cache, DeviceDirectory devices, PushSettings settings,
            Clock clock) {
        this.backend = backend;
        this.clock = clock;
        this.cache = cache;
        this.devices = devices;
        this.settings = settings;
        cache.whenAppended(work::release);
        this.worker = new Thread(this::run, "rest-push");
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    /** Readings the backend accepted since start. */
    public long pushed() {
        return pushed.get();
    }

    /** Times the backend asked to come back later (503 or 429 with Retry-After) since start. */
    public long busyAnswers() {
        return busyAnswers.get();
    }

    /** Ends the pause before the next round now (an installer's {@code push-now}). */
    public void pushNow() {
        work.release();
    }

    /** When the backend last accepted readings from this gateway; null: not since start. */
    public Instant lastPush() {
        return lastPush;
    }

    /** Whether the last attempt reached the backend. */
    public boolean reachable() {
        return reachable;
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        work.release();
        worker.join(TimeUnit.SECONDS.toMillis(35));
    }

    private void run() {
        Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
        try {
            while (stop.getCount() > 0) {
                Duration pause;
                try {
                    pause = round();
                    reachable = true;
                    backoff.succeeded();
                } catch (BackendBusyException e) {
                    // The backend is there and behind: it asked for a pause, which is no failure of ours.
                    reachable = true;
                    busyAnswers.incrementAndGet();
                    Duration wait = e.waitFor().compareTo(MAX_BUSY_WAIT) > 0 ? MAX_BUSY_WAIT : e.waitFor();
                    LOG.info("Backend {} is busy ({}); {} reading(s) wait in the cache, sending again in {} s",
                            settings.backend(), e.getMessage(), cache.size(), wait.toSeconds());
                    if (stop.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    continue;
                } catch (IOException e) {
                    reachable = false;
                    Duration retry = backoff.failed();
                    LOG.warn("Backend {} unreachable ({}); {} reading(s) wait in the cache, retry in {} s",
                            settings.backend(), e.getMessage(), cache.size(), retry.toSeconds());
                    if (stop.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    continue;
                }
                if (!pause.isZero() && awaitWork(pause)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits out the pause, or less: until a reading is appended, then {@link #LINGER} for the
     * rest of its burst. Answers whether the pusher is stopping.
     */
    private boolean awaitWork(Duration pause) throws InterruptedException {
        if (work.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)
                && stop.await(LINGER.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        work.drainPermits();
        return stop.getCount() == 0;
    }

    /**
     * One round; answers how long to wait before the next: not at all while live readings fill
     * whole batches, until the next backlog slice is due while a backlog remains, else the interval.
     */
    private Duration round() throws IOException, InterruptedException {
        pushDevicesIfChanged();
        List<Reading> live = cache.takenSince(clock.instant().minus(LIVE_WINDOW), settings.batchSize());
        if (!live.isEmpty()) {
            send(live);
        }
        long now = System.nanoTime();
        backlogCredit = Math.min(settings.batchSize(), backlogCredit + (now - lastRound) / 1e9 * settings.backlogRate());
        lastRound = now;
        int slice = (int) backlogCredit;
        boolean backlogLeft = false;
        if (slice > 0) {
            List<Reading> backlog = cache.oldest(slice);
            if (!backlog.isEmpty()) {
                send(backlog);
                backlogCredit -= backlog.size();
                backlogLeft = backlog.size() == slice;
            }
        }
        if (live.size() == settings.batchSize()) {
            return Duration.ZERO;
        }
        if (backlogLeft) {
            Duration nextSlice = Duration.ofMillis(1_000L * settings.batchSize() / Math.max(1, settings.backlogRate()));
            return nextSlice.compareTo(settings.interval()) < 0 ? nextSlice : settings.interval();
        }
        return settings.interval();
    }

    private void send(List<Reading> readings) throws IOException, InterruptedException {
        BackendClient.Answer answer = backend.pushReadings(readings);
        if (answer.status() == 202 || answer.status() == ALL_REFUSED) {
            cache.remove(seqs(readings));
            pushed.addAndGet(readings.size());
            lastPush = clock.instant();
            if (!answer.body().contains("\"rejected\":[]")) {
                LOG.warn("Backend refused some readings: {}", answer.body());
            }
            return;
        }
        if ((answer.status() == 503 || answer.status() == 429) && answer.retryAfter().isPresent()) {
            throw new BackendBusyException(answer.status(), answer.retryAfter().get());
        }
        if (answer.status() >= 500) {
            throw new IOException("backend answered " + answer.status());
        }
        // Any other 4xx is a bug of ours or a configuration error: keep the readings, say why loudly.
        throw new IOException("backend refused the batch with " + answer.status() + ": " + answer.body());
    }

    /**
     * Sends the device list in batches the backend takes. A refusal is logged and retried next
     * round, but never holds back the readings.
     */
    private void pushDevicesIfChanged() throws IOException, InterruptedException {
        long version = devices.version();
        List<DeviceDescription> list = devices.devices();
        if (version == devicesPushed || list.isEmpty()) {
            return;
        }
        for (int from = 0; from < list.size(); from += settings.batchSize()) {
            BackendClient.Answer answer = backend.pushDevices(list.subList(from, Math.min(list.size(), from + settings.batchSize())));
            if (answer.status() >= 500) {
                throw new IOException("device list push answered " + answer.status());
            }
            if (answer.status() != 202) {
                LOG.warn("Backend refused the device list ({}): {}", answer.status(), answer.body());
                return;
            }
        }
        devicesPushed = version;
    }

    private static List<Long> seqs(List<Reading> readings) {
        List<Long> seqs = new ArrayList<>(readings.size());
        readings.forEach(r -> seqs.add(r.seq()));
        return seqs;
    }
}
