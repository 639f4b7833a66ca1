package io.homegrid.cep.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.homegrid.cep.StatementInfo;

/** The built-in module read as statements: its names in file order, each with its own text. */
class BuiltInStatementsTest {

    @Test
    void listsTheNamedStatementsInFileOrderEachWithItsOwnText() {
        BuiltInStatements builtIns = new BuiltInStatements("""
                @public create schema Minute(gateway string);
                // the first one
                @name('first') select * from PowerReading;
                @name('second')
                select gateway
                from TemperatureReading;
                """);

        assertThat(builtIns.infos()).containsExactly(
                new StatementInfo("first", "@name('first') select * from PowerReading;", true, null),
                new StatementInfo("second", "@name('second')\nselect gateway\nfrom TemperatureReading;", true, null));
        assertThat(builtIns.contains("Minute")).as("schemas are not statements").isFalse();
        assertThat(builtIns.size()).isEqualTo(2);
    }

    @Test
    void thePackagedModuleHasTheMinuteStatementsWhoseOutputsAreAggregates() {
        assertThat(BuiltInStatements.read().infos()).extracting(StatementInfo::name)
                .contains("device-power-1m", "household-power-1m");
    }
}
