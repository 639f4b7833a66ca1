package io.homegrid.sharing;

import java.time.Duration;

/**
 * How deliveries to registered services go; the one home of their defaults.
 *
 * @param maxBackoff   the longest wait between two attempts at a failing endpoint (the waits double from 1 s)
 * @param maxBatch     items one delivery carries at most
 * @param pollEvery    how often the dispatcher looks for items due
 * @param insecureHttp also deliver to {@code http://} endpoints: for trying it out and tests only,
 *                     since the items are households' data
 */
public record SharingSettings(Duration maxBackoff, int maxBatch, Duration pollEvery, boolean insecureHttp) {

    public static final long DEFAULT_MAX_BACKOFF_SECONDS = 300;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(DEFAULT_MAX_BACKOFF_SECONDS);
    public static final int DEFAULT_MAX_BATCH = 500;
    public static final long DEFAULT_POLL_MILLIS = 500;
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofMillis(DEFAULT_POLL_MILLIS);
    public static final SharingSettings DEFAULT = new SharingSettings(DEFAULT_MAX_BACKOFF, DEFAULT_MAX_BATCH,
            DEFAULT_POLL_EVERY, false);
}
