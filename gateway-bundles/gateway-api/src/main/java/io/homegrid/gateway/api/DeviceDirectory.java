package io.homegrid.gateway.api;

import java.util.List;
import java.util.Optional;

import io.homegrid.model.DeviceDescription;

/** The devices of the home as the gateway knows them, with their latest values. */
public interface DeviceDirectory {

    List<DeviceDescription> devices();

    Optional<DeviceDescription> device(String device);

    /** Latest measurement of each of the device's sensors, or empty if the device is unknown. */
    Optional<List<Measurement>> latest(String device);

    /** Grows whenever a device joins, leaves or changes: pushers compare it to what they last sent. */
    long version();
}
