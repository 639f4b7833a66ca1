package io.homegrid.gateway.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.test.StubAdapter;
import io.homegrid.model.CommandResult;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.SensorKind;
import io.homegrid.model.SetpointCommand;
import io.homegrid.testing.MutableClock;

/** The agent on its own: community signals followed, the household's own limits without them, the reserve kept. */
class CommunityAgentTest {

    private static final String BATTERY = "0013A20000000B01";
    private static final String HEATER = "0013A20000000B02";
    private static final Battery SPEC = new Battery(10_000, 3_000, 3_000, 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T07:00:00Z"));
    private final Home home = new Home();
    private final StubAdapter radio = StubAdapter.confirming(BATTERY, HEATER);
    private final List<Measurement> recorded = new CopyOnWriteArrayList<>();
    private CommunityAgent agent;

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void dischargesWhileTheCommunityIsAboveItsLimitAndRecordsEachSetpoint() {
        start();
        home.report(BATTERY, SensorKind.SOC, 50);
        agent.signal(signal(9_000, 6_000, 2_000, 2));

        // (9,000 − 6,000) W shared by two batteries; 500 W a step
        await().until(() -> agent.setpointW() == 1_500);
        assertThat(radio.setpoints()).startsWith(500.0, 1_000.0, 1_500.0);
        await().until(() -> recorded.stream().anyMatch(m -> m.sensor() == SensorKind.SETPOINT && m.value() == 1_500));
        assertThat(recorded).allSatisfy(m -> assertThat(m.device()).isEqualTo(BATTERY));
    }

    @Test
    void withoutASignalForAWhileTheHouseholdsOwnLimitHolds() {
        start();
        home.report(BATTERY, SensorKind.SOC, 50);
        home.report(HEATER, SensorKind.POWER, 8_000);
        agent.signal(signal(1_000, 6_000, 2_000, 1));
        await().until(() -> agent.setpointW() < 0); // below the community's lower limit: charging

        clock.advance(Duration.ofSeconds(31));

        // the community's signal is stale: 8,000 W at home against its own 7,000 W
        await().until(() -> agent.setpointW() > 0);
    }

    @Test
    void keepsTheReserve() {
        start();
        home.report(BATTERY, SensorKind.SOC, 20);
        agent.signal(signal(9_000, 6_000, 2_000, 1));

        await().until(() -> radio.setpoints().size() >= 5);
        assertThat(radio.setpoints()).containsOnly(0.0);
    }

    @Test
    void aSetpointAskedFromOutsideIsHeldForItsMinutesThenTheCommunityDecidesAgain() {
        start();
        home.report(BATTERY, SensorKind.SOC, 50);
        agent.signal(signal(9_000, 6_000, 2_000, 1));

        CommandResult held = agent.hold(new SetpointCommand("c-1", BATTERY, -2_000, 10)).orElseThrow();

        assertThat(held.ok()).isTrue();
        assertThat(held.watts()).as("what the battery confirmed, not ramped").isEqualTo(-2_000);
        assertThat(radio.setpoints()).contains(-2_000.0);
        await().until(() -> radio.setpoints().size() >= 10);
        assertThat(agent.setpointW()).as("held against the community's 3 kW above its limit").isEqualTo(-2_000);
        assertThat(recorded).anyMatch(m -> m.sensor() == SensorKind.SETPOINT && m.value() == -2_000);

        clock.advance(Duration.ofMinutes(10));
        agent.signal(signal(9_000, 6_000, 2_000, 1));
        await().until(() -> agent.setpointW() > 0);
    }

    @Test
    void aSetpointBeyondTheBatterysPowerIsRefusedNamingTheField() {
        start();
        home.report(BATTERY, SensorKind.SOC, 50);

        CommandResult refused = agent.hold(new SetpointCommand("c-2", BATTERY, 4_000, 10)).orElseThrow();

        assertThat(refused.ok()).isFalse();
        assertThat(refused.field()).isEqualTo("watts");
        assertThat(refused.reason()).isEqualTo("beyond the battery's power: from -3000.0 W (charging) to 3000.0 W "
                + "(discharging); was 4000.0 W");
        assertThat(agent.hold(new SetpointCommand("c-3", BATTERY, 100, 0)).orElseThrow().field()).isEqualTo("minutes");
        assertThat(agent.hold(new SetpointCommand("c-4", HEATER, 100, 5))).as("not this agent's battery").isEmpty();
        assertThat(radio.setpoints()).doesNotContain(4_000.0);
    }

    private void start() {
        AgentSettings settings = AgentSettings.DEFAULT.withBattery("", SPEC).withStep(Duration.ofMillis(20));
        agent = CommunityAgent.start(settings, home, () -> List.of(radio), () -> List.of(recorded::addAll), clock);
    }

    private CommunitySignal signal(double residual, double limit, double lower, int batteries) {
        // measured a moment ago: before any setpoint of this agent took effect
        return new CommunitySignal("s-" + residual, "street", clock.instant().minusSeconds(1), residual, limit, lower,
                batteries, 3);
    }

    /** The household's devices as the gateway's device list would know them. */
    private static final class Home implements DeviceDirectory {
        private final Map<String, Map<SensorKind, Measurement>> latest = new ConcurrentHashMap<>();

        void report(String device, SensorKind sensor, double value) {
            latest.computeIfAbsent(device, d -> new ConcurrentHashMap<>()).put(sensor,
                    new Measurement(device, sensor, value, Clock.systemUTC().instant()));
        }

        @Override
        public List<DeviceDescription> devices() {
            return latest.keySet().stream().sorted().map(device -> new DeviceDescription(device,
                    device.equals(BATTERY) ? AgentSettings.BATTERY_TYPE : "smart-plug", device, List.of(), false,
                    DeviceState.JOINED)).toList();
        }

        @Override
        public Optional<DeviceDescription> device(String device) {
            return devices().stream().filter(d -> d.device().equals(device)).findFirst();
        }

        @Override
        public Optional<List<Measurement>> latest(String device) {
            return Optional.ofNullable(latest.get(device)).map(m -> List.copyOf(m.values()));
        }

        @Override
        public long version() {
            return latest.size();
        }
    }
}
