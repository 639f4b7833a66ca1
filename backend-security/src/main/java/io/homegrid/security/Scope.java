package io.homegrid.security;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a household may grant a third-party application. */
public enum Scope {
    READINGS_READ("readings:read"),
    AGGREGATES_READ("aggregates:read"),
    EVENTS_READ("events:read"),
    LIVE_READ("live:read"),
    RELAY_WRITE("relay:write"),
    /** Holding a household battery at a setpoint for a while. */
    BATTERY_WRITE("battery:write");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<Scope> of(String wire) {
        return Arrays.stream(values()).filter(scope -> scope.wire.equals(wire)).findFirst();
    }
}
