package io.homegrid.gateway.push;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;

/**
 * Delivery, running: the pusher and the command channel over the cache, the device list and the
 * protocol adapters, with the relay actuator they and the local API share. The one assembly of
 * the bundle, started by its DS component and by the embedded launcher alike.
 */
public final class PushService implements AutoCloseable {

    private final ReadingPusher pusher;
    private final CommandChannel commands;
    private final RelayActuator relays;

    private PushService(ReadingPusher pusher, CommandChannel commands, RelayActuator relays) {
        this.pusher = pusher;
        this.commands = commands;
        this.relays = relays;
    }

    /**
     * @param adapters the protocol adapters installed right now (in OSGi they come and go)
     * @param gatewaySettings what the backend may read and change through the command channel
     * @param bundles         the bundles the backend may list and update through it
     */
    public static PushService start(PushSettings settings, ReadingCache cache, DeviceDirectory devices,
            Supplier<List<ProtocolAdapter>> adapters, GatewaySettings gatewaySettings, BundleUpdates bundles,
            Clock clock) {
        return start(settings, cache, devices, adapters, gatewaySettings, bundles, List::of, clock);
    }

    /** @param communities who hears the community signals from the backend */
    public static PushService start(PushSettings settings, ReadingCache cache, DeviceDirectory devices,
            Supplier<List<ProtocolAdapter>> adapters, GatewaySettings gatewaySettings, BundleUpdates bundles,
            Supplier<List<CommunityListener>> communities, Clock clock) {
        BackendClient backend = new BackendClient(settings.backend(), settings.gateway(), settings.secret(),
                settings.backendFingerprint());
        RelayActuator relays = new RelayActuator(adapters);
        ReadingPusher pusher = new ReadingPusher(backend, cache, devices, settings, clock);
        CommandChannel commands = new CommandChannel(backend,
                new GatewayCommands(relays, devices, adapters, gatewaySettings, bundles, communities),
                settings.commandWait());
        pusher.start();
        commands.start();
        return new PushService(pusher, commands, relays);
    }

    public ReadingPusher pusher() {
        return pusher;
    }

    /** For the local API: switches relays the same way the command channel does. */
    public RelayActuator relays() {
        return relays;
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        pusher.close();
    }
}
