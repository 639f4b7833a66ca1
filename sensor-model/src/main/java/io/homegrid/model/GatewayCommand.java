package io.homegrid.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A command from the backend to a gateway, over the gateway's long poll; {@code id} correlates
 * its {@link CommandResult}. {@code kind} names it on the wire; a command without one is a relay
 * switch, as every command was before there were other kinds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = RelayCommand.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = RelayCommand.class, name = "relay"),
    @JsonSubTypes.Type(value = DiscoveryCommand.class, name = "discover"),
    @JsonSubTypes.Type(value = ConfigurationCommand.class, name = "configure"),
    @JsonSubTypes.Type(value = BundleCommand.class, name = "install-bundle"),
    @JsonSubTypes.Type(value = BundleListCommand.class, name = "bundles"),
    @JsonSubTypes.Type(value = CommunitySignal.class, name = "community"),
    @JsonSubTypes.Type(value = SetpointCommand.class, name = "setpoint")})
public sealed interface GatewayCommand permits RelayCommand, DiscoveryCommand, ConfigurationCommand, BundleCommand,
        BundleListCommand, CommunitySignal, SetpointCommand {

    String id();

    /** Whether the backend waits for a result; a signal is only heard. */
    default boolean answered() {
        return true;
    }
}
