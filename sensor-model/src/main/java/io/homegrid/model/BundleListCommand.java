package io.homegrid.model;

import java.util.Objects;

/** Report the bundles the gateway runs, with their versions and states. */
public record BundleListCommand(String id) implements GatewayCommand {

    public BundleListCommand {
        Objects.requireNonNull(id, "id");
    }
}
