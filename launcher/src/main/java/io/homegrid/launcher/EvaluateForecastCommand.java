package io.homegrid.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.launcher.internal.EmbeddedDatabase;
import io.homegrid.launcher.internal.forecast.ForecastEvaluation;
import io.homegrid.launcher.internal.forecast.RollupSeeder;
import io.homegrid.launcher.internal.forecast.SimulatedHouseholds;
import io.homegrid.persistence.SensorDataRepositories;
import io.homegrid.persistence.forecast.BackTest;
import io.homegrid.sql.SchemaMigrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./homegrid evaluate-forecast}: back-tests the persistence and the device-aware demand
 * forecasts on stored rollups and prints MAE and RMSE per horizon beside each other. Without
 * {@code --jdbc-url} it starts an embedded PostgreSQL of its own and stores {@code --households}
 * simulated households' device rollups for {@code --weeks} weeks first; with it, it back-tests
 * every gateway's power series there as one household.
 */
@Command(name = "evaluate-forecast", mixinStandardHelpOptions = true,
        description = "Back-test the persistence and device-aware demand forecasts: MAE and RMSE per horizon.")
final class EvaluateForecastCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateForecastCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--households", defaultValue = "20", description = "simulated households (default: ${DEFAULT-VALUE})")
    private int households;

    @Option(names = "--weeks", defaultValue = "4", description = "weeks of history, the test days included (default: ${DEFAULT-VALUE})")
    private int weeks;

    @Option(names = "--test-days", defaultValue = "7", description = "days at the end forecast and scored (default: ${DEFAULT-VALUE})")
    private int testDays;

    @Option(names = "--hold-out-days", defaultValue = "0",
            description = "days at the very end left out entirely, to try changes on a validation period before the"
                    + " test one (default: ${DEFAULT-VALUE})")
    private int holdOutDays;

    @Option(names = "--step", defaultValue = "15m", description = "5m, 15m or 1h (default: ${DEFAULT-VALUE})")
    private String step;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the simulated households (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--tz", defaultValue = "Europe/Berlin", description = "the households' time zone (default: ${DEFAULT-VALUE})")
    private ZoneId zone;

    @Option(names = "--jdbc-url", description = "back-test the rollups of this database instead of simulated ones")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "homegrid")
    private String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "")
    private String jdbcPassword;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration width = switch (step) {
            case "5m" -> Duration.ofMinutes(5);
            case "15m" -> Duration.ofMinutes(15);
            case "1h" -> Duration.ofHours(1);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--step: '" + step + "' is not one of 5m, 15m, 1h");
        };
        if (jdbcUrl != null) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl);
            dataSource.setUser(jdbcUser);
            dataSource.setPassword(jdbcPassword);
            evaluate(dataSource, storedGateways(dataSource), latest(dataSource, width), width, out);
            return 0;
        }
        Path dir = Files.createTempDirectory("homegrid-forecast");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir)) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(database.jdbcUrl());
            dataSource.setUser(database.user());
            dataSource.setPassword(database.password());
            SchemaMigrator.migrate(dataSource);
            // whole UTC days, ending at the start of today: the seeded weeks lie in the past, as stored data does
            Instant end = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant start = end.minus(Duration.ofDays(7L * weeks));
            long started = System.nanoTime();
            List<List<String>> gateways = seed(dataSource, start, end);
            out.printf(Locale.ROOT, "seeded %d simulated households x %d appliances, %d weeks of minute rollups"
                    + " (seed %d) in %.0f s%n", households, SimulatedHouseholds.APPLIANCES.size(), weeks, seed,
                    (System.nanoTime() - started) / 1e9);
            evaluate(dataSource, gateways, end, width, out);
            return 0;
        }
    }

    private List<List<String>> seed(DataSource dataSource, Instant start, Instant end) throws Exception {
        SimulatedHouseholds simulated = new SimulatedHouseholds(seed, zone);
        RollupSeeder seeder = new RollupSeeder(dataSource);
        int minutes = (int) Duration.between(start, end).toMinutes();
        List<List<String>> gateways = new ArrayList<>();
        for (int home = 0; home < households; home++) {
            String gateway = String.format(Locale.ROOT, "gw-sim-%02d", home);
            List<String> devices = SimulatedHouseholds.APPLIANCES.stream()
                    .map(appliance -> gateway + "-" + appliance.name().toLowerCase(Locale.ROOT)).toList();
            seeder.seed(gateway, devices, start, simulated.minutes(home, start, minutes));
            gateways.add(List.of(gateway));
            LOG.debug("Seeded household {} of {}", home + 1, households);
        }
        return gateways;
    }

    private void evaluate(DataSource dataSource, List<List<String>> gateways, Instant end, Duration width,
            PrintWriter out) {
        Instant testEnd = end.minus(Duration.ofDays(holdOutDays));
        List<ForecastEvaluation.Household> list = gateways.stream()
                .map(g -> new ForecastEvaluation.Household(g, zone)).toList();
        long started = System.nanoTime();
        BackTest.Report report = ForecastEvaluation.run(SensorDataRepositories.powerRollups(dataSource), list,
                new ForecastEvaluation.Setup(testEnd, Duration.ofDays(7L * weeks - holdOutDays), width, testDays));
        out.printf(Locale.ROOT, "back-test: %d households, %s steps, forecasts from every step of the %d days"
                + " before %s, the device-aware model refitted daily on up to 28 days before; %.0f s%n",
                report.households(), step, testDays, testEnd, (System.nanoTime() - started) / 1e9);
        ForecastEvaluation.print(report, out);
    }

    private static List<List<String>> storedGateways(DataSource dataSource) throws Exception {
        List<List<String>> gateways = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT DISTINCT g.gateway_id FROM gateway g JOIN series s USING (gateway_key)"
                                + " WHERE s.sensor = 'power' ORDER BY 1");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                gateways.add(List.of(rs.getString(1)));
            }
        }
        return gateways;
    }

    /** The end of the latest stored power minute, up to the step's grid. */
    private static Instant latest(DataSource dataSource, Duration width) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT max(m.bucket) FROM reading_minute m"
                        + " JOIN series s USING (series_id) WHERE s.sensor = 'power'");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            java.time.OffsetDateTime last = rs.getObject(1, java.time.OffsetDateTime.class);
            if (last == null) {
                throw new IllegalStateException("no power rollups in " + connection.getMetaData().getURL());
            }
            long seconds = width.toSeconds();
            long end = last.toInstant().plus(1, ChronoUnit.MINUTES).getEpochSecond();
            return Instant.ofEpochSecond(Math.floorDiv(end + seconds - 1, seconds) * seconds);
        }
    }
}
