package io.homegrid.persistence;

import java.time.Duration;

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

    /**
     * How far behind the pushes the readings being stored now are: the age, since its push was
     * accepted, of the oldest reading a consumer holds; zero while every consumer is idle. A
     * database outage makes it grow, since the consumers keep their readings in hand.
     */
    Duration lag();
}
