package io.homegrid.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the gateway reports back: whether the command was carried out, or why not; and what it
 * found: the state a relay confirmed, the devices after a discovery (with those new to it), or
 * the settings in effect after a configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String id, boolean ok, Boolean on, String reason, List<DeviceDescription> devices,
        List<String> found, Map<String, String> settings) {

    public static CommandResult confirmed(String id, boolean on) {
        return new CommandResult(id, true, on, null, null, null, null);
    }

    public static CommandResult failed(String id, String reason) {
        return new CommandResult(id, false, null, reason, null, null, null);
    }

    public static CommandResult discovered(String id, List<DeviceDescription> devices, List<String> found) {
        return new CommandResult(id, true, null, null, List.copyOf(devices), List.copyOf(found), null);
    }

    public static CommandResult configured(String id, Map<String, String> settings) {
        return new CommandResult(id, true, null, null, null, null, Map.copyOf(settings));
    }
}
