package io.homegrid.gateway.xbee.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.xbee.frames.Frames;
import io.homegrid.gateway.xbee.frames.BatteryInterface;
import io.homegrid.gateway.xbee.simulator.SimulatedBattery;
import io.homegrid.gateway.xbee.simulator.SimulatedDevice;
import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;

/** The adapter on the real XBee Java Library, fed real API frames by the simulator over TCP. */
@ExtendWith(RadioThreadsMayDie.class)
class XBeeAdapterTest {

    private XBeeSimulator simulator;
    private XBeeAdapter adapter;
    private final Map<String, RawSample> latest = new ConcurrentHashMap<>();
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = XBeeSimulator.start(new SimulatorConfig(0, 3, 1, Duration.ofMillis(200), 7, Clock.systemDefaultZone()));
        adapter = new XBeeAdapter("tcp://localhost:" + simulator.port(), 9600, Clock.systemUTC());
        adapter.addSampleListener(sample -> latest.put(sample.device(), sample));
        adapter.addDeviceEventListener(events::add);
        adapter.start();
    }

    @AfterEach
    void stop() throws Exception {
        adapter.close();
        simulator.close();
    }

    @Test
    void identifiesEveryNodeAndDeliversTheirSamples() {
        await().untilAsserted(() -> assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(
                simulator.devices().stream().map(SimulatedDevice::address).toList()));
        await().untilAsserted(() -> assertThat(events).extracting(DeviceEvent::device)
                .containsAll(latest.keySet()));

        SimulatedDevice fridge = simulator.devices().get(0);
        DeviceEvent identified = events.stream().filter(e -> e.device().equals(fridge.address())).findFirst().orElseThrow();
        assertThat(identified.type()).isEqualTo("smart-plug");
        assertThat(identified.name()).isEqualTo("Fridge");
        assertThat(identified.relay()).isTrue();
        await().untilAsserted(() -> {
            RawSample sample = latest.get(fridge.address());
            assertThat(sample.type()).isEqualTo("smart-plug");
            assertThat(sample.analog()).containsOnlyKeys("AD0", "AD1", "AD2", "AD3");
            assertThat(sample.digital()).containsEntry("DIO4", true);
        });
    }

    @Test
    void aListenerThatArrivesAfterDiscoveryLearnsTheNodesAlreadyIdentified() {
        List<String> addresses = simulator.devices().stream().map(SimulatedDevice::address).toList();
        await().untilAsserted(() -> assertThat(events).extracting(DeviceEvent::device).containsAll(addresses));
        List<DeviceEvent> late = new CopyOnWriteArrayList<>();

        adapter.announceTo(late::add);

        assertThat(late).extracting(DeviceEvent::device).containsExactlyInAnyOrderElementsOf(addresses);
        assertThat(late).allMatch(e -> e.kind() == DeviceEvent.Kind.IDENTIFIED);
        DeviceEvent fridge = late.stream().filter(e -> e.device().equals(addresses.get(0))).findFirst().orElseThrow();
        assertThat(fridge.name()).isEqualTo("Fridge");
        assertThat(fridge.type()).isEqualTo("smart-plug");
        assertThat(fridge.relay()).isTrue();
    }

    @Test
    void switchesARelayWithTheNodesConfirmation() throws Exception {
        SimulatedDevice plug = simulator.devices().get(1);
        await().until(adapter::connected);

        boolean confirmed = adapter.setRelay(plug.address(), false).get(10, TimeUnit.SECONDS);

        assertThat(confirmed).isFalse();
        assertThat(plug.relay()).isFalse();
        await().untilAsserted(() -> assertThat(latest.get(plug.address()).digital()).containsEntry("DIO4", false));
    }

    @Test
    void setsABatterysPowerWithTheNodesConfirmationAndReadsItsPowerAndChargeBack() throws Exception {
        SimulatedDevice battery = simulator.addBattery("Battery", new SimulatedBattery(1_000, 2_000, 3_000, 0.9, 0.5));
        await().until(adapter::connected);
        await().until(() -> adapter.reaches(battery.address()));

        double confirmed = adapter.setBatteryPower(battery.address(), 1_234).get(10, TimeUnit.SECONDS);

        assertThat(confirmed).as("the node's 10 W steps").isEqualTo(1_230);
        await().untilAsserted(() -> assertThat(battery.battery().powerW()).isEqualTo(1_230));
        await().untilAsserted(() -> assertThat(latest.get(battery.address()).analog())
                .containsEntry("AD1", BatteryInterface.counts(1_230)).containsKey("AD2"));
        assertThat(adapter.setBatteryPower(battery.address(), -9_000).get(10, TimeUnit.SECONDS))
                .as("asked beyond the interface's range: held at its end").isEqualTo(-5_120);
        await().untilAsserted(() -> assertThat(battery.battery().powerW()).as("and within the battery's own limit")
                .isEqualTo(-2_000));
    }

    @Test
    void aRelayCommandToANodeThatLeftFails() {
        SimulatedDevice plug = simulator.devices().get(2);
        await().until(adapter::connected);
        simulator.leave(plug.address());

        assertThatThrownBy(() -> adapter.setRelay(plug.address(), false).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("did not confirm");
    }

    @Test
    void badFramesAreSkippedWithALogLineNamingTheAddressAndTheFramesAfterThemStillArrive() {
        ch.qos.logback.classic.Logger lineLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(io.homegrid.gateway.xbee.connector.internal.FramedConnectionInterface.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        lineLog.addAppender(logged);
        SimulatedDevice plug = simulator.devices().get(0);
        await().until(() -> latest.containsKey(plug.address()));
        byte[] corrupted = Frames.ioSample(0x0013A20041000001L, 0x1000, 0, 0, 0x01, 5).encode();
        corrupted[corrupted.length - 1] ^= 0x7F;
        byte[] unknownType = new io.homegrid.gateway.xbee.frames.XBeeFrame(0x5A, new byte[] {1, 2, 3}).encode();
        byte[] truncated = Frames.ioSample(0x0013A20041000001L, 0x1000, 0, 0, 0x01, 6).encode();

        simulator.sendRaw(new byte[] {0x00, 0x13, (byte) 0xA2, 0x42});
        simulator.sendRaw(corrupted);
        simulator.sendRaw(unknownType);
        simulator.sendRaw(java.util.Arrays.copyOf(truncated, truncated.length - 3));
        latest.clear();

        await().untilAsserted(() -> assertThat(latest).containsKey(plug.address()));
        assertThat(adapter.connected()).isTrue();
        lineLog.detachAppender(logged);
        assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("[0013A20041000001]") && line.contains("bad checksum"))
                .anyMatch(line -> line.contains("unknown type 0x5a"))
                .anyMatch(line -> line.contains("outside any frame"));
    }

    @Test
    void reconnectsWhenTheRadioComesBack() throws Exception {
        await().until(adapter::connected);
        int port = simulator.port();
        simulator.close();
        await().until(() -> !adapter.connected());

        simulator = XBeeSimulator.start(new SimulatorConfig(port, 2, 0, Duration.ofMillis(200), 7, Clock.systemDefaultZone()));
        latest.clear();

        await().atMost(Duration.ofSeconds(30)).until(adapter::connected);
        await().untilAsserted(() -> assertThat(latest).hasSize(2));
    }
}
