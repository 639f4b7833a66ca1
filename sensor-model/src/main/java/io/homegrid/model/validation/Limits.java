package io.homegrid.model.validation;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on pushed documents.
 *
 * @param maxBatchSize   most readings or devices in one push; more is answered 413
 * @param maxFutureSkew  how far ahead of the backend's clock a reading's time may be
 * @param earliest       readings before this are refused: a gateway without a real-time clock
 *                       that has not synchronised yet reports 1970
 */
public record Limits(int maxBatchSize, Duration maxFutureSkew, Instant earliest) {

    /**
     * The configuration PID both the Data Push Interface and the Sensor Data Parser read their
     * limits from in OSGi: one set of limits governs both, or a batch answered 202 could be
     * refused later.
     */
    public static final String PID = "io.homegrid.ingest";
    public static final int DEFAULT_MAX_BATCH_SIZE = 1_000;
    public static final int DEFAULT_MAX_FUTURE_SKEW_SECONDS = 300;

    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_BATCH_SIZE,
            Duration.ofSeconds(DEFAULT_MAX_FUTURE_SKEW_SECONDS), Instant.parse("2000-01-01T00:00:00Z"));

    public Limits {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
    }

    public Limits withMaxBatchSize(int size) {
        return new Limits(size, maxFutureSkew, earliest);
    }
}
