package io.homegrid.routes;

/** One part of the backend that {@code GET /health} reports on. */
public interface HealthCheck {

    /** Short name in the health document: broker, database, routes. */
    String name();

    /** Null when the part is up, otherwise what is wrong, in words an operator can act on. */
    String problem();
}
