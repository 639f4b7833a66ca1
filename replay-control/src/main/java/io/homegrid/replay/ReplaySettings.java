package io.homegrid.replay;

import java.time.Duration;

/**
 * How Replay Control works; the one home of its defaults.
 *
 * @param pageSize      readings read from the database at a time: a replay never holds more
 * @param maxRunning    replays sent at the same time; more wait queued
 * @param progressEvery how often a running replay records and announces its progress
 */
public record ReplaySettings(int pageSize, int maxRunning, Duration progressEvery) {

    public static final String PID = "io.homegrid.replay";
    public static final int DEFAULT_PAGE_SIZE = 5_000;
    public static final int DEFAULT_MAX_RUNNING = 4;
    public static final int DEFAULT_PROGRESS_MILLIS = 500;

    public static final ReplaySettings DEFAULT = new ReplaySettings(DEFAULT_PAGE_SIZE, DEFAULT_MAX_RUNNING,
            Duration.ofMillis(DEFAULT_PROGRESS_MILLIS));

    public ReplaySettings {
        if (pageSize < 1 || maxRunning < 1 || progressEvery.isNegative() || progressEvery.isZero()) {
            throw new IllegalArgumentException("replay settings must be positive: " + pageSize + ", " + maxRunning
                    + ", " + progressEvery);
        }
    }
}
