package io.homegrid.model;

import java.util.Objects;

/**
 * Hold a battery at a power for a while (+ discharge, − charge), in place of the community
 * agent's own decisions; the result carries the setpoint the battery confirmed, or, refused, the
 * field that was wrong.
 */
public record SetpointCommand(String id, String device, double watts, int minutes) implements GatewayCommand {

    /** The longest hold: a forgotten one must not keep a battery from the community for long. */
    public static final int MOST_MINUTES = 240;

    public SetpointCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
    }
}
