package io.homegrid.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the gateway reports back: whether the device confirmed, and the state it confirmed, or why not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String id, boolean ok, Boolean on, String reason) {

    public static CommandResult confirmed(String id, boolean on) {
        return new CommandResult(id, true, on, null);
    }

    public static CommandResult failed(String id, String reason) {
        return new CommandResult(id, false, null, reason);
    }
}
