package io.homegrid.model;

import java.util.Objects;

/** A command from the backend to a gateway: switch a device's relay. {@code id} correlates the result. */
public record RelayCommand(String id, String device, boolean on) {

    public RelayCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
    }
}
