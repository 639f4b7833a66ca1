package io.homegrid.gateway.api;

import java.util.Optional;

import io.homegrid.model.CommandResult;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.SetpointCommand;

/**
 * Hears the community's residual load as the backend sends it over the command channel (OSGi
 * whiteboard: the community agent is one). Called on the command channel's thread: must not block.
 */
@FunctionalInterface
public interface CommunityListener {

    void signal(CommunitySignal signal);

    /**
     * Holds a battery at a setpoint asked from outside. Through the community agent, since it owns
     * the battery: set past it, its next step would undo the setpoint. Empty when this listener
     * controls no such battery.
     */
    default Optional<CommandResult> hold(SetpointCommand command) {
        return Optional.empty();
    }
}
