package io.homegrid.gateway.push.internal.osgi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.push.BackendClient;
import io.homegrid.gateway.push.CommandChannel;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.gateway.push.ReadingPusher;

/**
 * Delivery in OSGi: the pusher and the command channel over the cache, the device list and
 * whatever protocol adapters are installed. Redeploying this bundle stops a push mid-flight at
 * worst: the readings are still in the cache and the backend drops the duplicates.
 */
@Component(configurationPid = "io.homegrid.gateway.push", immediate = true, service = {})
@Designate(ocd = PushConfig.class)
public final class PushComponent {

    @Reference
    private ReadingCache cache;

    @Reference
    private DeviceDirectory devices;

    private final List<ProtocolAdapter> adapters = new CopyOnWriteArrayList<>();
    private ReadingPusher pusher;
    private CommandChannel commands;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAdapter(ProtocolAdapter adapter) {
        adapters.add(adapter);
    }

    void removeAdapter(ProtocolAdapter adapter) {
        adapters.remove(adapter);
    }

    @Activate
    void activate(PushConfig config) {
        URI backend = URI.create(config.backend());
        BackendClient client = new BackendClient(backend, config.gateway());
        pusher = new ReadingPusher(client, cache, devices, new PushSettings(backend, config.gateway(), config.batchSize(),
                config.backlogRate(), Duration.ofMillis(config.intervalMillis())), Clock.systemUTC());
        pusher.start();
        commands = new CommandChannel(client, () -> List.copyOf(adapters), Duration.ofSeconds(config.commandWaitSeconds()));
        commands.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        commands.close();
        pusher.close();
    }
}
