package io.homegrid.persistence;

/**
 * How the Persistence Connector consumes the bus; the one home of its defaults.
 *
 * @param consumers           threads (and database connections) per queue; two keep both of
 *                            PostgreSQL's cores busy on a small machine
 * @param maxReadingsPerCommit readings gathered from waiting messages into one transaction
 * @param paused              do not consume: readings wait in the broker (database maintenance,
 *                            and the durability test)
 */
public record PersistenceSettings(int consumers, int maxReadingsPerCommit, boolean paused) {

    public static final int DEFAULT_CONSUMERS = 2;
    public static final int DEFAULT_MAX_READINGS_PER_COMMIT = 5_000;

    public static final PersistenceSettings DEFAULT = new PersistenceSettings(DEFAULT_CONSUMERS,
            DEFAULT_MAX_READINGS_PER_COMMIT, false);

    public PersistenceSettings {
        if (consumers < 1 || maxReadingsPerCommit < 1) {
            throw new IllegalArgumentException("consumers and maxReadingsPerCommit must be positive");
        }
    }

    public PersistenceSettings withPaused(boolean pause) {
        return new PersistenceSettings(consumers, maxReadingsPerCommit, pause);
    }
}
