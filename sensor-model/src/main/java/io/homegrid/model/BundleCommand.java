package io.homegrid.model;

import java.util.Objects;

/**
 * Install or update one bundle on the gateway: {@code jar} is the signed bundle, base64. The
 * gateway installs it only if a signer it trusts signed every entry, and rolls it back when it
 * does not start.
 */
public record BundleCommand(String id, String jar) implements GatewayCommand {

    public BundleCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jar, "jar");
    }
}
