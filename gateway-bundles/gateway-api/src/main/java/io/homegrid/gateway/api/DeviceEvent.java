package io.homegrid.gateway.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A device joined or identified itself (node identification, discovery), or left.
 *
 * @param type  device type, e.g. {@code smart-plug}; null when the event does not say
 * @param name  the node identifier the user gave it, e.g. {@code Fridge}; null when unknown
 * @param relay whether the device can be switched
 */
public record DeviceEvent(Kind kind, String device, String type, String name, boolean relay, Instant time) {

    public enum Kind {
        IDENTIFIED,
        LEFT
    }

    public DeviceEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(time, "time");
    }
}
