package io.homegrid.model;

import java.util.List;
import java.util.Objects;

/** Device descriptions pushed by one gateway. */
public record DeviceBatch(String gateway, List<DeviceDescription> devices) {

    public DeviceBatch {
        Objects.requireNonNull(gateway, "gateway");
        devices = List.copyOf(devices);
    }
}
