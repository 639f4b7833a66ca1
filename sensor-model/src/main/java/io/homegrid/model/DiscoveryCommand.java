package io.homegrid.model;

import java.util.Objects;

/**
 * Start a node discovery on every radio and, after {@code seconds}, answer with the devices the
 * gateway knows and which of them it had not known before.
 */
public record DiscoveryCommand(String id, int seconds) implements GatewayCommand {

    public static final int MAX_SECONDS = 30;

    public DiscoveryCommand {
        Objects.requireNonNull(id, "id");
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a discovery lasts 1 to " + MAX_SECONDS + " s, not " + seconds);
        }
    }
}
