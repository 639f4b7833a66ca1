package io.homegrid.gateway.api;

import io.homegrid.model.CommunitySignal;

/**
 * Hears the community's residual load as the backend sends it over the command channel (OSGi
 * whiteboard: the community agent is one). Called on the command channel's thread: must not block.
 */
@FunctionalInterface
public interface CommunityListener {

    void signal(CommunitySignal signal);
}
