package io.homegrid.gateway.cache;

import java.time.Duration;

/**
 * How long unsent readings are kept, and how large the cache may grow, before the oldest are
 * dropped (an outage longer than this loses data; the count is logged and reported).
 */
public record Retention(Duration maxAge, long maxBytes) {

    public static final Retention DEFAULT = new Retention(Duration.ofDays(CacheSettings.DEFAULT_MAX_AGE_DAYS),
            (long) CacheSettings.DEFAULT_MAX_MEGABYTES << 20);
}
