package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.bus.BrokerLoad;
import io.homegrid.persistence.IngestStats;
import io.homegrid.routes.rest.HealthCheck;
import io.homegrid.routes.rest.PushSettings;

/**
 * Pushes wait instead of growing the broker's backlog without bound: while the readings being
 * stored were accepted longer ago than the bound, or the broker's store is fuller than its
 * bound, readings pushes are answered 503 with {@code Retry-After}. The gateway keeps them in its
 * cache and sends them when asked to come back; nothing accepted is ever refused later.
 */
public final class BackPressure implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(BackPressure.class);
    private static final long MIN_RETRY_SECONDS = 1;
    private static final long MAX_RETRY_SECONDS = 60;
    /**
     * ActiveMQ recomputes the store's size under a write lock on every read of its usage: asked
     * on every push, that serialised the pushes (p99 of 700 ms at 200 single pushes a second in
     * the saturation plan). Read once a second instead; the store cannot fill in that time.
     */
    private static final long STORE_SAMPLE_NANOS = 1_000_000_000L;

    private final Supplier<IngestStats> persistence;
    private final Supplier<BrokerLoad> broker;
    private final Duration maxLag;
    private final int maxStorePercent;
    private volatile boolean refusing;
    /** When the store was last read; one interval back at first, so that the first push reads it. */
    private final java.util.concurrent.atomic.AtomicLong storeSampledAt =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - STORE_SAMPLE_NANOS);
    private volatile int storePercent;

    /** @param persistence and broker: suppliers answering null while the service is away */
    public BackPressure(Supplier<IngestStats> persistence, Supplier<BrokerLoad> broker, PushSettings settings) {
        this.persistence = persistence;
        this.broker = broker;
        this.maxLag = Duration.ofSeconds(settings.maxIngestLagSeconds());
        this.maxStorePercent = settings.maxBrokerStorePercent();
    }

    /** The 503 to answer a readings push with, when the pipeline is too far behind. */
    Optional<Response> refusal() {
        Optional<Behind> behind = behind();
        if (behind.isEmpty()) {
            if (refusing) {
                refusing = false;
                LOG.info("Ingest caught up: readings pushes are accepted again");
            }
            return Optional.empty();
        }
        if (!refusing) {
            refusing = true;
            LOG.warn("Ingest is behind ({}): readings pushes are answered 503 until it catches up", behind.get().reason());
        }
        return Optional.of(Response.fromResponse(ErrorBody.response(503, "readings", behind.get().reason()
                + "; retry in " + behind.get().retryAfterSeconds() + " s"))
                .header(HttpHeaders.RETRY_AFTER, behind.get().retryAfterSeconds()).build());
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String problem() {
        return behind().map(b -> b.reason() + "; readings pushes are answered 503").orElse(null);
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "lag %.1f s (bound %d s), broker store %d %% (bound %d %%)",
                lag().toMillis() / 1000.0, maxLag.toSeconds(), storePercent(), maxStorePercent);
    }

    private Optional<Behind> behind() {
        Duration lag = lag();
        if (lag.compareTo(maxLag) > 0) {
            long over = lag.minus(maxLag).toSeconds();
            return Optional.of(new Behind("the readings being stored were accepted " + lag.toSeconds() + " s ago (bound "
                    + maxLag.toSeconds() + " s)", clamp(over + 1)));
        }
        int store = storePercent();
        if (store > maxStorePercent) {
            return Optional.of(new Behind("the broker's store is " + store + " % full (bound " + maxStorePercent + " %)",
                    MAX_RETRY_SECONDS / 2));
        }
        return Optional.empty();
    }

    private Duration lag() {
        IngestStats stats = persistence.get();
        return stats == null ? Duration.ZERO : stats.lag();
    }

    private int storePercent() {
        long now = System.nanoTime();
        long last = storeSampledAt.get();
        if (now - last >= STORE_SAMPLE_NANOS && storeSampledAt.compareAndSet(last, now)) {
            BrokerLoad load = broker.get();
            storePercent = load == null ? 0 : load.storePercentUsage();
        }
        return storePercent;
    }

    private static long clamp(long seconds) {
        return Math.max(MIN_RETRY_SECONDS, Math.min(MAX_RETRY_SECONDS, seconds));
    }

    private record Behind(String reason, long retryAfterSeconds) {
    }
}
