package io.homegrid.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.homegrid.cep.test.MemoryStatementStore;
import io.homegrid.model.CepOutput;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.testing.MutableClock;

/**
 * A bus message is acknowledged only once the minutes its readings count in are output, so that
 * an instance taking over a household computes them again from the messages delivered again.
 */
class HeldAcknowledgementTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final CepSettings SETTINGS = new CepSettings(Duration.ofSeconds(5), 5, 150, 3, 12);

    private final List<AutoCloseable> engines = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable engine : engines) {
            engine.close();
        }
    }

    @Test
    void aMessageIsDoneOnlyAfterTheHouseholdMinuteOfItsReadingsIsOutput() {
        List<CepOutput> outputs = new CopyOnWriteArrayList<>();
        CepEngine engine = started(outputs);
        List<String> outputBeforeDone = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();

        engine.accept(List.of(batch("gw", power("A", 100, 1, 1), power("A", 200, 31, 2))), "gw", () -> {
            outputs.forEach(o -> outputBeforeDone.add(o.statement()));
            done.incrementAndGet();
        });
        engine.advanceTo(T0.plusSeconds(119));
        assertThat(done).as("device minute out, household minute not yet").hasValue(0);
        assertThat(engine.heldMessages()).isEqualTo(1);

        engine.advanceTo(T0.plusSeconds(120));
        assertThat(done).hasValue(1);
        assertThat(engine.heldMessages()).isZero();
        assertThat(outputBeforeDone).contains("device-power-1m", "household-power-1m");
    }

    @Test
    void aMessageDeliveredTwiceCountsOnce() {
        List<CepOutput> outputs = new CopyOnWriteArrayList<>();
        CepEngine engine = started(outputs);
        ReadingBatch batch = batch("gw", power("A", 100, 1, 1), power("A", 300, 31, 2));

        engine.accept(List.of(batch), "gw", () -> { });
        engine.accept(List.of(batch), "gw", () -> { });
        engine.advanceTo(T0.plusSeconds(121));

        assertThat(minutes(outputs, "device-power-1m")).containsExactly("A " + T0 + " 200.0 W from 2");
    }

    @Test
    void anInstanceTakingOverAGroupComputesItsOpenMinuteAsOneInstanceWould() {
        List<ReadingBatch> first = List.of(batch("gw", power("A", 100, 10, 1), power("B", 40, 20, 2)),
                batch("gw", power("A", 300, 50, 3)));
        List<ReadingBatch> second = List.of(batch("gw", power("A", 500, 70, 4), power("B", 60, 80, 5)));
        List<ReadingBatch> third = List.of(batch("gw", power("A", 700, 130, 6), power("B", 80, 140, 7)));

        List<CepOutput> alone = new CopyOnWriteArrayList<>();
        CepEngine single = started(alone);
        for (List<ReadingBatch> message : List.of(first, second, third)) {
            single.accept(message, "gw", () -> { });
        }
        single.advanceTo(T0.plusSeconds(600));

        // instance 1 took the first two messages and output minute 0, then died: only the first was acknowledged
        List<CepOutput> dying = new CopyOnWriteArrayList<>();
        CepEngine one = started(dying);
        AtomicInteger firstDone = new AtomicInteger();
        AtomicInteger secondDone = new AtomicInteger();
        one.accept(first, "gw", firstDone::incrementAndGet);
        one.accept(second, "gw", secondDone::incrementAndGet);
        one.advanceTo(T0.plusSeconds(125));
        assertThat(firstDone).hasValue(1);
        assertThat(secondDone).as("minute 1 still open").hasValue(0);

        // instance 2 gets the group with the unacknowledged message again, then the next one
        List<CepOutput> taking = new CopyOnWriteArrayList<>();
        CepEngine two = started(taking);
        two.resetGroup("gw");
        two.accept(second, "gw", () -> { });
        two.accept(third, "gw", () -> { });
        two.advanceTo(T0.plusSeconds(600));

        List<String> stored = new ArrayList<>(minutes(dying, "household-power-1m"));
        stored.addAll(minutes(taking, "household-power-1m"));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(minutes(alone, "household-power-1m"));
        assertThat(minutes(alone, "household-power-1m")).hasSize(3);
    }

    @Test
    void aGroupGivenBackForgetsItsHouseholdsAndNeverAcknowledgesTheirMessages() {
        List<CepOutput> outputs = new CopyOnWriteArrayList<>();
        CepEngine engine = started(outputs);
        AtomicInteger stale = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        engine.accept(List.of(batch("gw", power("A", 100, 1, 1))), "gw", stale::incrementAndGet);
        engine.accept(List.of(batch("gw-2", power("A", 100, 1, 1))), "gw-2", other::incrementAndGet);

        engine.resetGroup("gw");
        engine.advanceTo(T0.plusSeconds(600));

        assertThat(stale).as("its new copy is acknowledged instead").hasValue(0);
        assertThat(other).hasValue(1);
        assertThat(engine.heldMessages()).isZero();
        assertThat(outputs).noneMatch(o -> "gw".equals(o.gateway()));
    }

    @Test
    void aHouseholdPushingHistoryThatPausesForAFailoverLosesNoReadingAndItsLastMinuteClosesLater() {
        MutableClock wall = new MutableClock(T0.plusSeconds(900));
        List<CepOutput> outputs = new CopyOnWriteArrayList<>();
        CepEngine engine = new CepEngine(SETTINGS, outputs::add, new MemoryStatementStore(), wall);
        engine.start();
        engines.add(engine);
        engine.accept(List.of(batch("gw", power("A", 100, 10, 1), power("A", 200, 20, 2))), "gw", () -> { });

        wall.advance(Duration.ofSeconds(30)); // the broker fails over
        engine.tick();
        engine.accept(List.of(batch("gw", power("A", 300, 30, 3))), "gw", () -> { });
        wall.advance(Duration.ofSeconds(119));
        engine.tick();
        assertThat(outputs).as("history: not closed by the wall clock yet").isEmpty();

        wall.advance(Duration.ofSeconds(1));
        engine.tick();
        assertThat(minutes(outputs, "device-power-1m")).containsExactly("A " + T0 + " 200.0 W from 3");
        assertThat(engine.lateReadings()).isZero();
    }

    /** "device-or-household minute watts from samples", to compare runs. */
    private static List<String> minutes(List<CepOutput> outputs, String statement) {
        return outputs.stream().filter(o -> o.statement().equals(statement)).map(o -> {
            Map<String, Object> v = o.values();
            String who = o.device() != null ? o.device() : o.gateway();
            return who + " " + v.get("minuteStart") + " " + v.get("watts") + " W from " + v.get("samples");
        }).toList();
    }

    private CepEngine started(List<CepOutput> outputs) {
        CepEngine engine = new CepEngine(SETTINGS, outputs::add, new MemoryStatementStore(),
                Clock.fixed(T0, ZoneOffset.UTC));
        engine.start();
        engines.add(engine);
        return engine;
    }

    private static ReadingBatch batch(String gateway, Reading... readings) {
        return new ReadingBatch(gateway, List.of(readings));
    }

    private static Reading power(String device, double watts, long second, long seq) {
        return new Reading(device, SensorKind.POWER, watts, "W", T0.plusSeconds(second), seq);
    }
}
