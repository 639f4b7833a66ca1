package io.homegrid.gateway.push;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.model.BundleCommand;
import io.homegrid.model.CommandResult;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.ConfigurationCommand;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DiscoveryCommand;
import io.homegrid.model.GatewayCommand;
import io.homegrid.model.GatewaySettingRules;
import io.homegrid.model.RelayCommand;
import io.homegrid.model.SetpointCommand;

/** What the gateway does with each kind of command from the backend, and what it reports. */
public final class GatewayCommands {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCommands.class);

    private final RelayActuator relays;
    private final DeviceDirectory devices;
    private final Supplier<List<ProtocolAdapter>> adapters;
    private final GatewaySettings settings;
    private final BundleUpdates bundles;
    private final Supplier<List<CommunityListener>> communities;

    public GatewayCommands(RelayActuator relays, DeviceDirectory devices, Supplier<List<ProtocolAdapter>> adapters,
            GatewaySettings settings, BundleUpdates bundles) {
        this(relays, devices, adapters, settings, bundles, List::of);
    }

    /** @param communities who hears the community signals (the community agent, where it is installed) */
    public GatewayCommands(RelayActuator relays, DeviceDirectory devices, Supplier<List<ProtocolAdapter>> adapters,
            GatewaySettings settings, BundleUpdates bundles, Supplier<List<CommunityListener>> communities) {
        this.relays = relays;
        this.devices = devices;
        this.adapters = adapters;
        this.settings = settings;
        this.bundles = bundles;
        this.communities = communities;
    }

    /**
     * Hands a community signal to its listeners; nothing is reported back. A listener that fails
     * is logged and the others still hear it.
     */
    public void hear(CommunitySignal signal) {
        List<CommunityListener> listeners = communities.get();
        if (listeners.isEmpty()) {
            LOG.debug("Community '{}''s signal heard, but no community agent is installed", signal.community());
        }
        for (CommunityListener listener : listeners) {
            try {
                listener.signal(signal);
            } catch (RuntimeException e) {
                LOG.warn("A community agent failed on community '{}''s signal", signal.community(), e);
            }
        }
    }

    /** Carries out a command; interrupted (the gateway stopping) only while a discovery waits. */
    public CommandResult execute(GatewayCommand command) throws InterruptedException {
        if (command instanceof RelayCommand relay) {
            return relay(relay);
        }
        if (command instanceof DiscoveryCommand discovery) {
            return discover(discovery);
        }
        if (command instanceof ConfigurationCommand configuration) {
            return configure(configuration);
        }
        if (command instanceof BundleCommand bundle) {
            return install(bundle);
        }
        if (command instanceof CommunitySignal signal) {
            hear(signal);
            return CommandResult.confirmed(signal.id(), true);
        }
        if (command instanceof SetpointCommand setpoint) {
            return hold(setpoint);
        }
        return CommandResult.bundles(command.id(), bundles.bundles());
    }

    /** Through the community agent that controls the battery: it owns the battery's setpoint. */
    private CommandResult hold(SetpointCommand command) {
        for (CommunityListener agent : communities.get()) {
            Optional<CommandResult> result = agent.hold(command);
            if (result.isPresent()) {
                LOG.info("[{}] battery setpoint {} W for {} min asked by the backend: {}", command.device(),
                        command.watts(), command.minutes(), result.get().ok() ? "held" : result.get().reason());
                return result.get();
            }
        }
        return CommandResult.refused(command.id(), "device", "no community agent on this gateway controls battery "
                + command.device());
    }

    private CommandResult install(BundleCommand command) {
        byte[] jar;
        try {
            jar = Base64.getDecoder().decode(command.jar());
        } catch (IllegalArgumentException e) {
            return CommandResult.bundle(command.id(), false, "refused", "the bundle is not base64: " + e.getMessage(),
                    bundles.bundles());
        }
        BundleUpdates.Outcome outcome = bundles.install(jar);
        return CommandResult.bundle(command.id(), outcome.ok(), outcome.outcome(), outcome.reason(), bundles.bundles());
    }

    private CommandResult relay(RelayCommand command) {
        RelayActuator.Outcome outcome = relays.switchRelay(command.device(), command.on());
        if (outcome instanceof RelayActuator.Switched switched) {
            return CommandResult.confirmed(command.id(), switched.on());
        }
        if (outcome instanceof RelayActuator.NotConfirmed notConfirmed) {
            return CommandResult.failed(command.id(), notConfirmed.reason());
        }
        if (outcome instanceof RelayActuator.Unreachable) {
            return CommandResult.failed(command.id(), "no radio of this gateway reaches device " + command.device());
        }
        return CommandResult.failed(command.id(), "gateway stopping");
    }

    private CommandResult discover(DiscoveryCommand command) throws InterruptedException {
        List<ProtocolAdapter> radios = adapters.get();
        if (radios.isEmpty()) {
            return CommandResult.failed(command.id(), "no radio is installed on this gateway");
        }
        Set<String> before = devices.devices().stream().map(DeviceDescription::device).collect(Collectors.toSet());
        radios.forEach(ProtocolAdapter::discover);
        LOG.info("Node discovery asked by the backend on {} radio(s), answering in {} s", radios.size(), command.seconds());
        // the nodes answer within the radio's discovery time; those that do are in the device list by then
        Thread.sleep(Duration.ofSeconds(command.seconds()).toMillis());
        List<DeviceDescription> now = devices.devices();
        List<String> found = now.stream().map(DeviceDescription::device).filter(d -> !before.contains(d)).sorted().toList();
        return CommandResult.discovered(command.id(), now, found);
    }

    private CommandResult configure(ConfigurationCommand command) {
        for (Map.Entry<String, String> change : command.changes().entrySet()) {
            Optional<String> refusal = GatewaySettingRules.refusal(change.getKey(), change.getValue());
            if (refusal.isPresent()) {
                return CommandResult.failed(command.id(), change.getKey() + " " + refusal.get());
            }
        }
        if (command.changes().isEmpty()) {
            return CommandResult.configured(command.id(), settings.current());
        }
        try {
            Map<String, String> applied = settings.apply(command.changes());
            LOG.info("Settings changed by the backend: {}", command.changes().keySet());
            return CommandResult.configured(command.id(), applied);
        } catch (UnsupportedOperationException e) {
            return CommandResult.failed(command.id(), e.getMessage());
        } catch (IOException e) {
            LOG.error("Settings from the backend not stored: {}", command.changes().keySet(), e);
            return CommandResult.failed(command.id(), "the gateway could not store them: " + e.getMessage());
        }
    }
}
