package io.homegrid.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.homegrid.cep.CommunityMembership.Member;
import io.homegrid.cep.test.MemoryStatementStore;
import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.testing.MutableClock;

/** Each community's residual load per minute: demand less PV and battery, summed over the members, published once. */
class CommunityResidualTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final CepSettings SETTINGS = new CepSettings(Duration.ofSeconds(5), 5, 150, 3, 12);

    private final List<CepOutput> outputs = new CopyOnWriteArrayList<>();
    private final MutableClock wall = new MutableClock(T0);
    // street ⊂ district: a household of the street counts in both; gw-c's household is in the district only
    private final Map<String, Member> members = Map.of(
            "gw-a", new Member("hh-a", Set.of("street", "district")),
            "gw-b", new Member("hh-b", Set.of("street", "district")),
            "gw-c", new Member("hh-c", Set.of("district")));
    private final CepEngine engine = new CepEngine(SETTINGS, outputs::add, new MemoryStatementStore(),
            GatewayHouseholds.NONE, VirtualDeviceGroups.NONE, () -> members, wall);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void sumsTheMembersDemandLessTheirGenerationAndBatteriesOncePerMinute() {
        engine.start();
        send("gw-a", reading("fridge", SensorKind.POWER, 100, 1), reading("fridge", SensorKind.POWER, 300, 31),
                reading("heat-pump", SensorKind.POWER, 2_000, 5), reading("pv", SensorKind.GENERATION, 1_500, 10),
                reading("store", SensorKind.BATTERY, -400, 20));
        send("gw-b", reading("oven", SensorKind.POWER, 3_000, 2), reading("store", SensorKind.BATTERY, 1_000, 3));
        send("gw-c", reading("kettle", SensorKind.POWER, 1_800, 4));
        wall.set(T0.plusSeconds(70));

        engine.advanceTo(T0.plusSeconds(66));

        CommunityResidual street = residual("street");
        // demand 200 + 2,000 + 3,000; PV 1,500; batteries -400 (charging) + 1,000
        assertThat(street.demandWatts()).isEqualTo(5_200);
        assertThat(street.generationWatts()).isEqualTo(1_500);
        assertThat(street.batteryWatts()).isEqualTo(600);
        assertThat(street.residualWatts()).isEqualTo(3_100);
        assertThat(street.households()).isEqualTo(2);
        assertThat(street.minuteStart()).isEqualTo(T0);
        CommunityResidual district = residual("district");
        assertThat(district.residualWatts()).isEqualTo(4_900);
        assertThat(district.households()).isEqualTo(3);
        CepOutput output = outputs.stream().filter(o -> o.statement().equals(CommunityResidual.STATEMENT)).findFirst()
                .orElseThrow();
        assertThat(output.gateway()).as("a community's aggregate names no household's gateway").isNull();
        assertThat(output.device()).isNull();
        assertThat(output.kind()).isEqualTo(CepOutput.AGGREGATE);
    }

    @Test
    void aSilentMemberIsWaitedForUntilTheMinuteHasSettledThenLeftOut() {
        engine.start();
        send("gw-a", reading("fridge", SensorKind.POWER, 100, 1));
        send("gw-b", reading("oven", SensorKind.POWER, 3_000, 2));
        wall.set(T0.plusSeconds(66));
        engine.advanceTo(T0.plusSeconds(66)); // past the minute and the lateness bound
        assertThat(residuals("street")).as("both street members reported: out at once").hasSize(1);
        assertThat(residuals("district")).as("gw-c has not reported its minute").isEmpty();

        wall.set(T0.plusSeconds(66).plus(SETTINGS.lateness()).plus(CepEngine.COMMUNITY_SETTLE));
        engine.tick();

        assertThat(residuals("district")).singleElement().satisfies(minute -> {
            assertThat(minute.residualWatts()).isEqualTo(3_100);
            assertThat(minute.households()).isEqualTo(2);
        });
        send("gw-c", reading("kettle", SensorKind.POWER, 1_800, 30));
        engine.advanceTo(T0.plusSeconds(130));
        assertThat(residuals("district")).as("a published minute is never changed").hasSize(1);
    }

    @Test
    void aHouseholdOfNoCommunityAndAnIsolatedReplayCountInNone() {
        engine.start();
        send("gw-x", reading("fridge", SensorKind.POWER, 100, 1));
        engine.acceptIsolated(new ReadingBatch("gw-a", List.of(reading("oven", SensorKind.POWER, 9_000, 2))), 7, T0);
        wall.set(T0.plusSeconds(600));
        engine.advanceTo(T0.plusSeconds(600));
        engine.tick();

        assertThat(outputs).noneMatch(o -> o.statement().equals(CommunityResidual.STATEMENT));
        assertThat(outputs).anyMatch(o -> o.statement().equals("device-power-1m"));
    }

    @Test
    void theResidualAsItStandsGoesOutEveryFewSecondsFromEachDevicesLatestReading() {
        engine.start();
        send("gw-a", reading("heat-pump", SensorKind.POWER, 2_000, 1), reading("heat-pump", SensorKind.POWER, 3_000, 2),
                reading("pv", SensorKind.GENERATION, 1_000, 2), reading("store", SensorKind.BATTERY, 500, 2));
        send("gw-b", reading("oven", SensorKind.POWER, 2_500, 3));

        engine.tick();

        CepOutput street = live("street");
        assertThat(street.values()).containsEntry("residualWatts", 4_000.0).containsEntry("batteries", 1)
                .containsEntry("households", 2);
        assertThat(street.time()).as("the newest reading it includes").isEqualTo(T0.plusSeconds(3));
        assertThat(live("district").values()).containsEntry("residualWatts", 4_000.0);

        outputs.clear();
        wall.advance(CepEngine.COMMUNITY_LIVE_INTERVAL.minusSeconds(1));
        engine.tick();
        assertThat(outputs).as("not again before the interval").noneMatch(o -> o.statement().equals(
                CommunityResidual.LIVE_STATEMENT));

        wall.set(T0.plus(CepEngine.COMMUNITY_LIVE_FRESH).plusSeconds(1));
        send("gw-b", reading("oven", SensorKind.POWER, 2_000, 40));
        engine.tick();
        assertThat(live("street").values()).as("gw-a's readings went stale, gw-b's is new")
                .containsEntry("residualWatts", 2_000.0).containsEntry("batteries", 0).containsEntry("households", 1);
    }

    private CepOutput live(String community) {
        List<CepOutput> signals = outputs.stream().filter(o -> o.statement().equals(CommunityResidual.LIVE_STATEMENT)
                && community.equals(o.values().get("community"))).toList();
        assertThat(signals).as(community).hasSize(1);
        return signals.get(0);
    }

    private void send(String gateway, Reading... readings) {
        engine.accept(new ReadingBatch(gateway, List.of(readings)));
    }

    private List<CommunityResidual> residuals(String community) {
        return outputs.stream().filter(o -> o.statement().equals(CommunityResidual.STATEMENT)).map(CommunityResidual::of)
                .filter(r -> r.community().equals(community)).toList();
    }

    private long seq;

    private CommunityResidual residual(String community) {
        List<CommunityResidual> minutes = residuals(community);
        assertThat(minutes).as(community).hasSize(1);
        return minutes.get(0);
    }

    /** Each with a seq of its own, as a gateway numbers its readings. */
    private Reading reading(String device, SensorKind sensor, double value, long second) {
        return new Reading(device, sensor, value, sensor.canonicalUnit(), T0.plusSeconds(second), ++seq);
    }
}
