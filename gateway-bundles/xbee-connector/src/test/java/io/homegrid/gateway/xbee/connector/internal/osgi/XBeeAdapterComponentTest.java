package io.homegrid.gateway.xbee.connector.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;
import io.homegrid.gateway.xbee.connector.RadioThreadsMayDie;
import io.homegrid.gateway.xbee.connector.XBeeAdapter;
import io.homegrid.gateway.xbee.connector.XBeeService;
import io.homegrid.gateway.xbee.connector.XBeeSettings;
import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;

/** The component without a container: a configuration built from a map, a stub bundle context, the simulator as the radio. */
@ExtendWith(RadioThreadsMayDie.class)
class XBeeAdapterComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private final XBeeAdapterComponent component = new XBeeAdapterComponent();
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private XBeeSimulator simulator;

    @BeforeEach
    void startTheRadio() throws Exception {
        simulator = XBeeSimulator.start(new SimulatorConfig(0, 1, 0, Duration.ofMillis(200), 5, Clock.systemDefaultZone()));
    }

    @AfterEach
    void stop() throws Exception {
        if (component.service() != null) {
            component.deactivate();
        }
        simulator.close();
    }

    @Test
    void theDefaultConfigurationIsTheSettingsDefault() {
        assertThat(XBeeAdapterComponent.settings(ComponentConfig.defaults(XBeeConfig.class))).isEqualTo(XBeeSettings.DEFAULT);
    }

    @Test
    void activationStartsTheServiceTheLauncherStartsAndOffersItsAdapter() {
        component.activate(configured(600), bundle.context());

        assertThat(component.service()).isInstanceOf(XBeeService.class);
        assertThat(bundle.active(ProtocolAdapter.class)).containsSame(component.service().adapter())
                .containsInstanceOf(XBeeAdapter.class);

        component.deactivate();
        assertThat(bundle.active(ProtocolAdapter.class)).isEmpty();
    }

    /** Drift 2: the periodic re-discovery ran only in the embedded gateway, not in Felix. */
    @Test
    void theComponentRediscoversTheNetworkPeriodically() {
        component.addDeviceEventListener(events::add);
        String plug = simulator.devices().get(0).address();

        component.activate(configured(1), bundle.context());

        // Each discovery identifies the plug again: once on connect, then once per period.
        await().atMost(Duration.ofSeconds(30)).until(() -> identifications(plug) >= 3);
    }

    @Test
    void aListenerBoundAfterActivationLearnsTheNodesAlreadyIdentified() {
        component.activate(configured(600), bundle.context());
        String plug = simulator.devices().get(0).address();
        await().until(() -> component.service().adapter().reaches(plug));

        component.addDeviceEventListener(events::add);

        assertThat(identifications(plug)).isEqualTo(1);
    }

    private XBeeConfig configured(int discoverySeconds) {
        return ComponentConfig.build(XBeeConfig.class, Map.of("radio", "tcp://localhost:" + simulator.port(),
                "discoverySeconds", discoverySeconds));
    }

    private long identifications(String device) {
        return events.stream().filter(e -> e.device().equals(device) && e.kind() == DeviceEvent.Kind.IDENTIFIED).count();
    }
}
