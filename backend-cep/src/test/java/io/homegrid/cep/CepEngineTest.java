package io.homegrid.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.homegrid.cep.test.MemoryStatementStore;
import io.homegrid.model.CepOutput;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.testing.MutableClock;

/** Known inputs, exact outputs: the built-in statements on event time. */
class CepEngineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final CepSettings SETTINGS = new CepSettings(Duration.ofSeconds(5), 5, 150, 3, 12);

    private final List<CepOutput> outputs = new CopyOnWriteArrayList<>();
    private final MemoryStatementStore store = new MemoryStatementStore();
    private CepEngine engine = started();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void averagesEachDevicesPowerPerMinuteAndSumsTheHousehold() {
        send("gw", power("A", 100, 1, 1), power("A", 200, 31, 2), power("B", 50, 10, 3));

        engine.advanceTo(T0.plusSeconds(121));

        assertThat(values("device-power-1m", "A")).containsEntry("watts", 150.0).containsEntry("samples", 2L)
                .containsEntry("minuteStart", T0.toString());
        assertThat(values("device-power-1m", "B")).containsEntry("watts", 50.0);
        CepOutput household = single("household-power-1m");
        assertThat(household.gateway()).isEqualTo("gw");
        assertThat(household.kind()).isEqualTo(CepOutput.AGGREGATE);
        assertThat(household.values()).containsEntry("watts", 200.0).containsEntry("devices", 2L)
                .containsEntry("minuteStart", T0.toString());
        assertThat(single("household-peak").values()).containsEntry("watts", 200.0);
    }

    @Test
    void sumsEachVirtualDevicesMembersIntoItsOwnStreamThatStatementsRead() throws Exception {
        engine.close();
        Map<String, Map<String, java.util.Set<String>>> groups = Map.of("gw", Map.of(
                "kitchen", java.util.Set.of("A", "B"), "tv", java.util.Set.of("C"), "empty", java.util.Set.of("Z")));
        engine = new CepEngine(SETTINGS, outputs::add, store, GatewayHouseholds.NONE,
                gateway -> groups.getOrDefault(gateway, Map.of()), Clock.fixed(T0, ZoneOffset.UTC));
        engine.start();
        engine.add("big-kitchen", "select virtualDevice, watts from VirtualDevicePowerMinute(virtualDevice = 'kitchen', "
                + "watts > 150)");
        send("gw", power("A", 100, 1, 1), power("A", 200, 31, 2), power("B", 50, 10, 3), power("C", 80, 12, 4),
                power("D", 1000, 14, 5));

        engine.advanceTo(T0.plusSeconds(121));

        List<CepOutput> totals = outputs.stream().filter(o -> o.statement().equals("virtual-device-power-1m")).toList();
        assertThat(totals).extracting(o -> o.values().get("virtualDevice") + " " + o.values().get("watts") + " W of "
                + o.values().get("devices")).containsExactlyInAnyOrder("kitchen 200.0 W of 2", "tv 80.0 W of 1");
        assertThat(totals).allSatisfy(total -> {
            assertThat(total.kind()).isEqualTo(CepOutput.AGGREGATE);
            assertThat(total.gateway()).isEqualTo("gw");
            assertThat(total.values()).containsEntry("minuteStart", T0.toString());
        });
        assertThat(single("big-kitchen").values()).containsEntry("watts", 200.0);
    }

    @Test
    void reportsADeviceSwitchingOnAndOff() {
        send("gw", power("C", 2, 1, 1), power("C", 80, 3, 2), power("C", 90, 5, 3), power("C", 1, 7, 4));

        engine.advanceTo(T0.plusSeconds(20));

        List<CepOutput> switches = outputs.stream().filter(o -> o.statement().equals("device-switch")).toList();
        assertThat(switches).extracting(o -> o.values().get("state")).containsExactly("on", "off");
        assertThat(switches.get(0).time()).isEqualTo(T0.plusSeconds(3));
        assertThat(switches.get(0).kind()).isEqualTo(CepOutput.EVENT);
    }

    @Test
    void reportsAnApplianceThatNeverStopsRunning() {
        send("gw", power("F", 1, 1, 1), power("F", 85, 2, 2));

        engine.advanceTo(T0.plus(Duration.ofHours(3)).plusSeconds(10));
        assertThat(single("appliance-not-cycling").device()).isEqualTo("F");
    }

    @Test
    void aFridgeThatCyclesIsNotReported() {
        send("gw", power("F", 1, 1, 1), power("F", 85, 2, 2), power("F", 1, 3_600, 3));

        engine.advanceTo(T0.plus(Duration.ofHours(4)));
        assertThat(outputs).noneMatch(o -> o.statement().equals("appliance-not-cycling"));
    }

    @Test
    void reportsAColdRoomOncePerTenMinutes() {
        send("gw", temperature("R", 10, 1, 1), temperature("R", 9, 60, 2), temperature("R", 9.5, 700, 3),
                temperature("S", 20, 1, 4));

        engine.advanceTo(T0.plusSeconds(710));

        List<CepOutput> cold = outputs.stream().filter(o -> o.statement().equals("low-temperature")).toList();
        assertThat(cold).extracting(o -> o.values().get("celsius")).containsExactly(10.0, 9.5);
        assertThat(cold).extracting(CepOutput::device).containsOnly("R");
    }

    @Test
    void refusesEplThatDoesNotCompileNamingWhereAndWhy() {
        assertThatThrownBy(() -> engine.add("broken", "select * fom PowerReading"))
                .isInstanceOf(InvalidStatementException.class).hasMessageContaining("fom");
    }

    @Test
    void anAddedStatementProducesOutputAndSurvivesARestart() throws Exception {
        engine.add("kettle-on", "select gateway, device, value from PowerReading(value > 2000)");
        send("gw", power("K", 2200, 1, 1));
        engine.advanceTo(T0.plusSeconds(10));
        assertThat(single("kettle-on").values()).containsEntry("value", 2200.0);

        engine.close();
        outputs.clear();
        engine = started();
        send("gw", power("K", 2100, 20, 2));
        engine.advanceTo(T0.plusSeconds(30));

        assertThat(engine.statements()).extracting(StatementInfo::name).contains("kettle-on");
        assertThat(single("kettle-on").values()).containsEntry("value", 2100.0);
        assertThat(engine.remove("kettle-on")).isTrue();
        assertThat(store.load()).isEmpty();
        assertThat(engine.remove("device-power-1m")).as("built-ins stay").isFalse();
    }

    @Test
    void readingsLaterThanTheToleranceAreDroppedAndCounted() {
        send("gw", power("A", 10, 60, 1));
        engine.advanceTo(T0.plusSeconds(70));

        send("gw", power("A", 20, 30, 2));

        assertThat(engine.lateReadings()).isEqualTo(1);
    }

    @Test
    void aGatewayWhoseClockRunsAheadDoesNotMakeOthersLate() {
        send("gw-fast", power("X", 10, 240, 1));
        send("gw", power("A", 2, 1, 1), power("A", 80, 2, 2));

        engine.advanceTo(T0.plusSeconds(10));

        assertThat(engine.lateReadings()).isZero();
        assertThat(single("device-switch").gateway()).isEqualTo("gw");
        assertThat(engine.households()).isEqualTo(2);
    }

    /** An isolated replay runs on its readings' original time, tagged, in a runtime closed once silent. */
    @Test
    void anIsolatedReplayHasARuntimeOfItsOwnOnOriginalTimeClosedWhenSilent() {
        MutableClock wall = new MutableClock(T0.plus(Duration.ofDays(7)));
        engine.close();
        engine = new CepEngine(SETTINGS, outputs::add, store, wall);
        engine.start();
        engine.accept(new ReadingBatch("gw", List.of(new Reading("A", SensorKind.POWER, 10, "W", wall.instant(), 1))));
        for (int second = 0; second < 60; second += 2) {
            engine.acceptIsolated(new ReadingBatch("gw", List.of(new Reading("A", SensorKind.POWER, 100, "W",
                    wall.instant(), -1 - second))), 9, T0.plusSeconds(second));
        }
        assertThat(engine.households()).isEqualTo(2);

        wall.set(wall.instant().plusSeconds(120));
        engine.tick();
        List<CepOutput> replayed = outputs.stream().filter(o -> o.replay() != null).toList();
        wall.set(wall.instant().plus(CepEngine.ISOLATED_REPLAY_SILENCE));
        engine.tick();

        assertThat(replayed).filteredOn(o -> o.statement().equals("device-power-1m")).singleElement().satisfies(o -> {
            assertThat(o.replay()).isEqualTo(9L);
            assertThat(o.time()).isEqualTo(T0.plusSeconds(60));
            assertThat(o.values().get("watts")).isEqualTo(100.0);
        });
        assertThat(engine.households()).as("the replay's runtime closed, the gateway's kept").isEqualTo(1);
    }

    private CepEngine started() {
        CepEngine started = new CepEngine(SETTINGS, outputs::add, store, Clock.fixed(T0, ZoneOffset.UTC));
        started.start();
        return started;
    }

    private void send(String gateway, Reading... readings) {
        engine.accept(new ReadingBatch(gateway, List.of(readings)));
    }

    private static Reading power(String device, double watts, long second, long seq) {
        return new Reading(device, SensorKind.POWER, watts, "W", T0.plusSeconds(second), seq);
    }

    private static Reading temperature(String device, double celsius, long second, long seq) {
        return new Reading(device, SensorKind.TEMPERATURE, celsius, "°C", T0.plusSeconds(second), seq);
    }

    private CepOutput single(String statement) {
        List<CepOutput> matching = outputs.stream().filter(o -> o.statement().equals(statement)).toList();
        assertThat(matching).as(statement).hasSize(1);
        return matching.get(0);
    }

    private Map<String, Object> values(String statement, String device) {
        return outputs.stream().filter(o -> o.statement().equals(statement) && device.equals(o.device())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + statement + " output for " + device)).values();
    }
}
