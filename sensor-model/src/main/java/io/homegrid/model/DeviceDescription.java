package io.homegrid.model;

import java.util.List;
import java.util.Objects;

/**
 * A device as the gateway's device list knows it: sent when it joins or leaves, and on request.
 * {@code name} may be null (not named yet); {@code relay} says whether it can be switched.
 */
public record DeviceDescription(String device, String type, String name, List<SensorDescription> sensors,
        boolean relay, DeviceState state) {

    public DeviceDescription {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        sensors = List.copyOf(sensors);
    }
}
