package io.homegrid.gateway.community.internal.osgi;

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

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.community.AgentSettings;
import io.homegrid.gateway.community.Battery;
import io.homegrid.gateway.community.CommunityAgent;
import io.homegrid.gateway.community.ShavingSettings;
import io.homegrid.model.CommunitySignal;

/**
 * The community agent in OSGi: starts {@link CommunityAgent} with its configuration over the
 * device list and whatever protocol adapters are installed, and offers it as the
 * {@link CommunityListener} the command channel hands the community's signals to. Setpoints are
 * recorded through every {@link MeasurementSink} (the cache, the device list).
 */
@Component(configurationPid = "io.homegrid.gateway.community", service = CommunityListener.class)
@Designate(ocd = AgentConfig.class)
public final class CommunityAgentComponent implements CommunityListener {

    @Reference
    DeviceDirectory devices;

    /** Makes the agent wait for the cache, so that its first setpoints are recorded. */
    @Reference
    ReadingCache cache;

    private final List<ProtocolAdapter> adapters = new CopyOnWriteArrayList<>();
    private final List<MeasurementSink> sinks = new CopyOnWriteArrayList<>();
    private CommunityAgent agent;

    static AgentSettings settings(AgentConfig config) {
        return new AgentSettings(config.batteryDevice().strip(), new Battery(config.capacityWh(), config.maxChargeW(),
                config.maxDischargeW(), config.efficiency()), new ShavingSettings(config.ownLimitW(),
                config.ownLowerLimitW(), config.reserve(), config.rampWPerStep(), config.ownLimitW()),
                Duration.ofMillis(config.stepMillis()), Duration.ofSeconds(config.signalTimeoutSeconds()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAdapter(ProtocolAdapter adapter) {
        adapters.add(adapter);
    }

    void removeAdapter(ProtocolAdapter adapter) {
        adapters.remove(adapter);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(MeasurementSink sink) {
        sinks.add(sink);
    }

    void removeSink(MeasurementSink sink) {
        sinks.remove(sink);
    }

    @Activate
    void activate(AgentConfig config) {
        agent = CommunityAgent.start(settings(config), devices, () -> List.copyOf(adapters), () -> List.copyOf(sinks),
                Clock.systemUTC());
    }

    @Override
    public void signal(CommunitySignal signal) {
        CommunityAgent running = agent;
        if (running != null) {
            running.signal(signal);
        }
    }

    @Deactivate
    void deactivate() {
        agent.close();
    }
}
