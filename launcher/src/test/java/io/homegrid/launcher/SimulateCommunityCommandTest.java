package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/** Issue 17, item 8: a battery or community that cannot be is refused by name, before anything is simulated. */
class SimulateCommunityCommandTest {

    @ParameterizedTest
    @CsvSource({
        "--capacity-kwh, -5, '--capacity-kwh must be above 0 (a battery that holds something); was -5.0'",
        "--discharge-kw, 0, '--discharge-kw must be above 0; was 0.0'",
        "--efficiency, 1.5, '--efficiency must be above 0 and at most 1; was 1.5'",
        "--batteries, 200, '--batteries must be from 0 to --homes (100); was 200'",
        "--reserve, 1, '--reserve must be from 0 to below 1; was 1.0'"})
    void aBadOptionIsNamedAndNothingIsSimulated(String option, String value, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SimulateCommunityCommand());
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int exit = command.execute("--homes", "100", "--days", "1", option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith(message);
        assertThat(out.toString()).as("no peak printed").doesNotContain("peak");
    }
}
