package io.homegrid.persistence;

/**
 * How the Persistence Connector consumes the bus.
 *
 * @param consumers           threads (and database connections) per queue; two keep both of
 *                            PostgreSQL's cores busy on a small machine
 * @param maxReadingsPerCommit readings gathered from waiting messages into one transaction
 */
public record PersistenceSettings(int consumers, int maxReadingsPerCommit) {

    public static final PersistenceSettings DEFAULT = new PersistenceSettings(2, 5_000);

    public PersistenceSettings {
        if (consumers < 1 || maxReadingsPerCommit < 1) {
            throw new IllegalArgumentException("consumers and maxReadingsPerCommit must be positive");
        }
    }
}
