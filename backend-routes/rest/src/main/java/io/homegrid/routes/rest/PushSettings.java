package io.homegrid.routes.rest;

import io.homegrid.model.validation.Limits;

/**
 * Bounds of the Data Push Interface.
 *
 * @param maxBodyBytes          largest request body; more is answered 413 without being read further
 * @param limits                batch size and reading time bounds, the same the parser applies
 * @param maxIngestLagSeconds   readings pushes wait 503 (with Retry-After) while the readings being
 *                              stored were accepted longer ago than this
 * @param maxBrokerStorePercent and while the broker's store is fuller than this, so that pushes can
 *                              never fill it (the pipeline's own hops keep the rest)
 */
public record PushSettings(int maxBodyBytes, Limits limits, int maxIngestLagSeconds, int maxBrokerStorePercent) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_INGEST_LAG_SECONDS = 60;
    public static final int DEFAULT_MAX_BROKER_STORE_PERCENT = 70;

    public static final PushSettings DEFAULT = new PushSettings(DEFAULT_MAX_BODY_BYTES, Limits.DEFAULT,
            DEFAULT_MAX_INGEST_LAG_SECONDS, DEFAULT_MAX_BROKER_STORE_PERCENT);

    public PushSettings {
        if (maxIngestLagSeconds < 1 || maxBrokerStorePercent < 1 || maxBrokerStorePercent > 100) {
            throw new IllegalArgumentException("the ingest lag bound must be at least 1 s and the store bound 1-100 %");
        }
    }

    /** The default bounds of the back-pressure, with these body and batch limits. */
    public static PushSettings of(int maxBodyBytes, Limits limits) {
        return new PushSettings(maxBodyBytes, limits, DEFAULT_MAX_INGEST_LAG_SECONDS, DEFAULT_MAX_BROKER_STORE_PERCENT);
    }

    public PushSettings withMaxIngestLagSeconds(int seconds) {
        return new PushSettings(maxBodyBytes, limits, seconds, maxBrokerStorePercent);
    }
}
