package io.homegrid.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.homegrid.cep.CepSettings;
import io.homegrid.cep.StatementInfo;
import io.homegrid.cep.StatementStore;
import io.homegrid.model.CepOutput;

/** The registry of statements added at run time, with a real compiler and a store that records what it is told. */
class AddedStatementsTest {

    private static final long T0 = 1_795_000_000_000L;
    private static final String KETTLE = "select gateway, device, value from PowerReading(value > 2000)";

    private final EsperRuntimes runtimes = new EsperRuntimes(CepSettings.DEFAULT);
    private final StatementCompiler compiler = new StatementCompiler(runtimes);
    private final BuiltInStatements builtIns = BuiltInStatements.read();
    private final RecordingStore store = new RecordingStore();
    private final AddedStatements added = new AddedStatements(compiler, store, builtIns::contains,
            gateway -> Optional.of(gateway.startsWith("gw-b") ? "B" : "A"));
    private final List<CepOutput> outputs = new ArrayList<>();
    private Household household;

    @BeforeEach
    void givenTheBuiltInsCompiled() {
        builtIns.compile(compiler);
    }

    @AfterEach
    void close() {
        if (household != null) {
            household.close();
        }
        compiler.close();
    }

    @Test
    void aStoredStatementThatNoLongerCompilesIsLeftOutAndTheOthersAreRestoredInOrder() {
        store.put("kettle-on", KETTLE);
        store.put("old", "select * from StreamThatWasRenamed");
        store.put("cold", "select * from TemperatureReading(value < 5)");

        added.restore();

        assertThat(added.infos()).extracting(StatementInfo::name).containsExactly("kettle-on", "cold");
        assertThat(store.told).as("what does not compile stays stored, to be fixed").isEmpty();
    }

    @Test
    void aStoredStatementTheAllowListRefusesIsNotDeployedAndTheReasonIsLogged() {
        store.put("kettle-on", KETTLE);
        store.put("home", "select java.lang.System.getProperty('user.home') as home from PowerReading");
        store.put("inlined", "inlined_class \"\"\" public class X { public static int f() { return 1; } } \"\"\" "
                + "select X.f() from PowerReading");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AddedStatements.class);
        logger.addAppender(log);
        try {
            added.restore();
        } finally {
            logger.detachAppender(log);
        }

        assertThat(added.infos()).extracting(StatementInfo::name).containsExactly("kettle-on");
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Stored statement 'home' was not deployed: java.lang.System is not allowed in a statement",
                        "Stored statement 'inlined' was not deployed: an inlined class is not allowed in a statement");
    }

    @Test
    void anAllowedStatementWithMathAnAggregationAndATimeWindowProducesOutput() throws Exception {
        household = new Household("gw", runtimes.household("gw"), T0, 5_000, new AtomicLong(), new AtomicLong(),
                new OutputListener(outputs::add));

        added.add("peak", "select device, Math.abs(value) as magnitude, max(value) as peak from PowerReading#time(1 min)",
                null, List.of(household));
        feed(-40, T0 + 1_000);
        feed(25, T0 + 2_000);

        assertThat(outputs).extracting(o -> o.values().get("magnitude")).containsExactly(40.0, 25.0);
        assertThat(outputs).extracting(o -> o.values().get("peak")).containsExactly(-40.0, 25.0);
    }

    @Test
    void aNameTakenByABuiltInIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> added.add("device-switch", KETTLE, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device-switch");
        assertThat(store.told).isEmpty();
    }

    @Test
    void aStatementRunsOnTheHouseholdsItWasAddedToUntilItIsRemoved() throws Exception {
        household = new Household("gw", runtimes.household("gw"), T0, 5_000, new AtomicLong(), new AtomicLong(),
                new OutputListener(outputs::add));

        added.add("kettle-on", KETTLE, null, List.of(household));
        feed(2_200, T0 + 1_000);
        boolean removed = added.remove("kettle-on");
        feed(2_300, T0 + 2_000);

        assertThat(removed).isTrue();
        assertThat(outputs).extracting(o -> o.values().get("value")).containsExactly(2_200.0);
        assertThat(store.told).containsExactly("save kettle-on", "delete kettle-on");
        assertThat(added.remove("kettle-on")).as("removed once").isFalse();
    }

    @Test
    void aHouseholdsStatementRunsOnItsOwnGatewaysOnly() throws Exception {
        List<CepOutput> ofB = new ArrayList<>();
        household = new Household("gw-a", runtimes.household("gw-a"), T0, 5_000, new AtomicLong(), new AtomicLong(),
                new OutputListener(outputs::add));
        Household b = new Household("gw-b", runtimes.household("gw-b"), T0, 5_000, new AtomicLong(), new AtomicLong(),
                new OutputListener(ofB::add));
        try {
            StatementInfo info = added.add("kettle-of-b", KETTLE, "B", List.of(household, b));
            Household laterB = new Household("gw-b2", runtimes.household("gw-b2"), T0, 5_000, new AtomicLong(),
                    new AtomicLong(), new OutputListener(ofB::add));
            added.deployTo(laterB);
            for (Household runtime : List.of(household, b, laterB)) {
                runtime.add(new SensorEvent(runtime.gateway(), "K", "power", 2_500, T0 + 1_000), T0 + 1_000);
                runtime.releaseUntil(T0 + 1_000);
            }
            laterB.close();

            assertThat(info.household()).isEqualTo("B");
            assertThat(outputs).as("household A's gateway").isEmpty();
            assertThat(ofB).extracting(CepOutput::gateway).containsExactly("gw-b", "gw-b2");
            assertThat(store.told).containsExactly("save kettle-of-b for B");
        } finally {
            b.close();
        }
    }

    private void feed(double watts, long time) {
        household.add(new SensorEvent("gw", "K", "power", watts, time), time);
        household.releaseUntil(time);
    }

    /** Loads what a test put there, and records each save and delete instead of keeping them. */
    private static final class RecordingStore implements StatementStore {
        final Map<String, Stored> stored = new LinkedHashMap<>();
        final List<String> told = new ArrayList<>();

        void put(String name, String epl) {
            stored.put(name, new Stored(epl, null));
        }

        @Override
        public Map<String, Stored> load() {
            return stored;
        }

        @Override
        public void save(String name, String epl, String household) {
            told.add("save " + name + (household == null ? "" : " for " + household));
        }

        @Override
        public void delete(String name) {
            told.add("delete " + name);
        }
    }
}
