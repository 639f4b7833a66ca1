package io.homegrid.persistence.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.CepOutput;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestPostgres;

/**
 * An instance taking over a household computes its open minutes again, from the readings the
 * broker delivers again, which may be part of a minute the dead instance output already.
 */
class JdbcCepOutputsTest {

    private static final Instant MINUTE = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant TO = MINUTE.plusSeconds(3_600);

    private final DataSource database = TestPostgres.freshDatabase();
    private final JdbcCepOutputs outputs = new JdbcCepOutputs(database);

    @BeforeEach
    void migrate() {
        SchemaMigrator.migrate(database);
    }

    @Test
    void aMinuteStoredWholeIsNotReplacedByPartOfIt() throws Exception {
        outputs.write(List.of(household(300.0, 30)));
        outputs.write(List.of(household(120.0, 4)));

        assertThat(stored("household-power-1m")).containsExactly("300.0 W from 30");
    }

    @Test
    void partOfAMinuteIsReplacedByTheWholeOfIt() throws Exception {
        outputs.write(List.of(household(120.0, 4), device("A", 50.0, 2)));
        outputs.write(List.of(household(300.0, 30), device("A", 70.0, 10)));

        assertThat(stored("household-power-1m")).containsExactly("300.0 W from 30");
        assertThat(stored("device-power-1m")).containsExactly("70.0 W from 10");
    }

    @Test
    void eachDeviceHouseholdAndMinuteIsItsOwnAggregateAndEventsAreAllKept() throws Exception {
        CepOutput next = new CepOutput("household-power-1m", CepOutput.AGGREGATE, "gw", null, MINUTE.plusSeconds(120),
                Map.of("minuteStart", MINUTE.plusSeconds(60).toString(), "watts", 10.0, "samples", 1));
        CepOutput other = new CepOutput("household-power-1m", CepOutput.AGGREGATE, "gw-2", null,
                MINUTE.plusSeconds(60), Map.of("minuteStart", MINUTE.toString(), "watts", 20.0, "samples", 1));
        CepOutput peak = new CepOutput("household-peak", CepOutput.EVENT, "gw", null, MINUTE.plusSeconds(5),
                Map.of("watts", 9000.0));

        outputs.write(List.of(household(300.0, 30), next, other, device("A", 50.0, 2), device("B", 50.0, 2), peak));
        outputs.write(List.of(peak));

        assertThat(stored("household-power-1m")).hasSize(3);
        assertThat(stored("device-power-1m")).hasSize(2);
        assertThat(outputs.read(CepOutput.EVENT, "gw", "household-peak", MINUTE, TO, 10, null))
                .as("an event has no minute to be once in").hasSize(2);
    }

    private List<String> stored(String statement) {
        return outputs.read(CepOutput.AGGREGATE, null, statement, MINUTE, TO, 100, null).stream()
                .map(o -> o.values().get("watts") + " W from " + o.values().get("samples")).toList();
    }

    private static CepOutput household(double watts, long samples) {
        return new CepOutput("household-power-1m", CepOutput.AGGREGATE, "gw", null, MINUTE.plusSeconds(60),
                Map.of("minuteStart", MINUTE.toString(), "watts", watts, "devices", 2L, "samples", samples));
    }

    private static CepOutput device(String device, double watts, long samples) {
        return new CepOutput("device-power-1m", CepOutput.AGGREGATE, "gw", device, MINUTE.plusSeconds(60),
                Map.of("minuteStart", MINUTE.toString(), "watts", watts, "samples", samples));
    }
}
