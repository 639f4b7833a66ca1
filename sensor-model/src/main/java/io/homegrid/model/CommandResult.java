package io.homegrid.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the gateway reports back: whether the command was carried out, or why not; and what it
 * found: the state a relay confirmed, the devices after a discovery (with those new to it), the
 * settings in effect after a configuration, or the bundles after a bundle command, with what
 * became of the bundle sent ({@code outcome}: installed, updated, rolled back, refused), the
 * setpoint a battery confirmed ({@code watts}). A command refused for what it asked names the
 * {@code field}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String id, boolean ok, Boolean on, String reason, List<DeviceDescription> devices,
        List<String> found, Map<String, String> settings, List<BundleInfo> bundles, String outcome, Double watts,
        String field) {

    public static CommandResult confirmed(String id, boolean on) {
        return new CommandResult(id, true, on, null, null, null, null, null, null, null, null);
    }

    public static CommandResult failed(String id, String reason) {
        return new CommandResult(id, false, null, reason, null, null, null, null, null, null, null);
    }

    public static CommandResult discovered(String id, List<DeviceDescription> devices, List<String> found) {
        return new CommandResult(id, true, null, null, List.copyOf(devices), List.copyOf(found), null, null, null, null,
                null);
    }

    public static CommandResult configured(String id, Map<String, String> settings) {
        return new CommandResult(id, true, null, null, null, null, Map.copyOf(settings), null, null, null, null);
    }

    public static CommandResult bundles(String id, List<BundleInfo> bundles) {
        return new CommandResult(id, true, null, null, null, null, null, List.copyOf(bundles), null, null, null);
    }

    /** A bundle command's end: {@code ok} only when the bundle was installed or updated and started. */
    public static CommandResult bundle(String id, boolean ok, String outcome, String reason, List<BundleInfo> bundles) {
        return new CommandResult(id, ok, null, reason, null, null, null, List.copyOf(bundles), outcome, null, null);
    }

    public static CommandResult held(String id, double watts) {
        return new CommandResult(id, true, null, null, null, null, null, null, null, watts, null);
    }

    /** Refused for what the command asked: {@code field} names it, as a 400 from the API would. */
    public static CommandResult refused(String id, String field, String reason) {
        return new CommandResult(id, false, null, reason, null, null, null, null, null, null, field);
    }
}
