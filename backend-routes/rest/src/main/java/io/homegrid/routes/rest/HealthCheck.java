package io.homegrid.routes.rest;

import java.util.function.Supplier;

/** One part of the backend that {@code GET /health} reports on. */
public interface HealthCheck {

    /** Short name in the health document: broker, database, routes. */
    String name();

    /** Null when the part is up, otherwise what is wrong, in words an operator can act on. */
    String problem();

    /** What an operator may want to see while the part is up (a figure, not a problem); null: nothing. */
    default String detail() {
        return null;
    }

    /** A check named {@code name} whose {@code probe} answers the problem, or null when up. */
    static HealthCheck of(String name, Supplier<String> probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String problem() {
                return probe.get();
            }
        };
    }
}
