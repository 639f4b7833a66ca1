package io.homegrid.model;

import java.util.Objects;

/** Switch a device's relay; the result carries the state the device confirmed. */
public record RelayCommand(String id, String device, boolean on) implements GatewayCommand {

    public RelayCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
    }
}
