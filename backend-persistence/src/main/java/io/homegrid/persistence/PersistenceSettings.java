package io.homegrid.persistence;

import java.time.Duration;

/**
 * How the Persistence Connector consumes the bus; the one home of its defaults.
 *
 * @param consumers           threads (and database connections) per queue; two keep both of
 *                            PostgreSQL's cores busy on a small machine
 * @param maxReadingsPerCommit readings gathered from waiting messages into one transaction
 * @param paused              do not consume: readings wait in the broker (database maintenance,
 *                            and the durability test)
 * @param rawRetentionDays    days raw readings are kept (whole day partitions are dropped after
 *                            that); 0 keeps them for ever. The rollups are always kept.
 */
public record PersistenceSettings(int consumers, int maxReadingsPerCommit, boolean paused, int rawRetentionDays) {

    public static final int DEFAULT_CONSUMERS = 2;
    public static final int DEFAULT_MAX_READINGS_PER_COMMIT = 5_000;
    public static final int DEFAULT_RAW_RETENTION_DAYS = 90;
    /** How often partitions are made ahead and dropped past the retention. */
    public static final Duration MAINTENANCE_EVERY = Duration.ofHours(1);

    public static final PersistenceSettings DEFAULT = new PersistenceSettings(DEFAULT_CONSUMERS,
            DEFAULT_MAX_READINGS_PER_COMMIT, false, DEFAULT_RAW_RETENTION_DAYS);

    public PersistenceSettings {
        if (consumers < 1 || maxReadingsPerCommit < 1) {
            throw new IllegalArgumentException("consumers and maxReadingsPerCommit must be positive");
        }
        if (rawRetentionDays < 0) {
            throw new IllegalArgumentException("rawRetentionDays must be 0 (for ever) or more, was " + rawRetentionDays);
        }
    }

    public PersistenceSettings withPaused(boolean pause) {
        return new PersistenceSettings(consumers, maxReadingsPerCommit, pause, rawRetentionDays);
    }

    public PersistenceSettings withRawRetentionDays(int days) {
        return new PersistenceSettings(consumers, maxReadingsPerCommit, paused, days);
    }

    public Duration rawRetention() {
        return Duration.ofDays(rawRetentionDays);
    }
}
