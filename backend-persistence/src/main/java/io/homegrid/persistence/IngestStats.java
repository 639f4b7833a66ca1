package io.homegrid.persistence;

/** Counters of the Persistence Connector since it started, for load testers and operators. */
public interface IngestStats {

    /** Readings written to PostgreSQL. */
    long readingsStored();

    /** Readings dropped because their (gateway, seq) was already stored. */
    long duplicatesDropped();

    /** Messages moved to a dead-letter queue because they could not be stored. */
    long messagesDeadLettered();

    /** Whether the connector's consumers are running. */
    boolean running();
}
