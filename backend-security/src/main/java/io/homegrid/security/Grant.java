package io.homegrid.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What one household lets one application see or do.
 *
 * @param devices empty: all of the household's devices
 * @param sensors sensor kinds as the wire format names them; empty: all kinds
 * @param history how far back the application may read; null: no limit
 * @param expires null: until revoked
 * @param revoked null while in force
 */
public record Grant(long id, String household, String application, Set<Scope> scopes, Set<String> devices,
        Set<String> sensors, Duration history, Instant expires, Instant created, Instant revoked) {

    public Grant {
        scopes = Set.copyOf(scopes);
        devices = Set.copyOf(devices);
        sensors = Set.copyOf(sensors);
    }

    public boolean inForce(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }

    /** Whether this grant allows {@code scope} on the device (null: any device) and sensor kind (null: any). */
    public boolean covers(Scope scope, String device, String sensor) {
        return scopes.contains(scope) && (devices.isEmpty() || device == null || devices.contains(device))
                && (sensors.isEmpty() || sensor == null || sensors.contains(sensor));
    }

    /** The earliest instant the application may read, given its history limit. */
    public Instant earliest(Instant now) {
        return history == null ? Instant.MIN : now.minus(history);
    }
}
