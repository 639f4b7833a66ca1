package io.homegrid.model;

import java.util.Map;
import java.util.Objects;

/**
 * Change some of the gateway's settings ({@link GatewaySettingRules} names them), or none to read
 * them; the result carries every setting in effect afterwards.
 */
public record ConfigurationCommand(String id, Map<String, String> changes) implements GatewayCommand {

    public ConfigurationCommand {
        Objects.requireNonNull(id, "id");
        changes = changes == null ? Map.of() : Map.copyOf(changes);
    }
}
