package io.homegrid.model;

import java.util.List;
import java.util.Objects;

/**
 * A device as the gateway's device list knows it: sent when it joins or leaves, and on request.
 * {@code name} may be null (not named yet); {@code relay} says whether it can be switched.
 */
public record DeviceDescription(String device, String type, String name, List<SensorDescription> sensors,
        boolean relay, DeviceState state) {

    /** The type of a home battery: the community agent controls it, the setpoint API holds it. */
    public static final String BATTERY_TYPE = "battery";

    public DeviceDescription {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        sensors = List.copyOf(sensors);
    }
}
