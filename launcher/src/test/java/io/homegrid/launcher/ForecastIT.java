package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.launcher.internal.forecast.RollupSeeder;
import io.homegrid.launcher.internal.forecast.SimulatedHouseholds;
import io.homegrid.security.Community;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;
import picocli.CommandLine;

/**
 * Issue 17, item 6 on a real backend: two simulated households' two weeks of device rollups, their
 * forecasts and their community's (both models side by side), the parameters refused with the
 * field named, and {@code ./homegrid evaluate-forecast} back-testing both models on what is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final int DAYS = 14;

    @TempDir
    static Path dataDir;
    private EmbeddedBackend backend;
    private Http http;
    private Http residentA;
    private Http communityOperator;
    private String a;
    private String b;
    private Instant end;
    /** Household A's seeded watts per appliance and minute. */
    private double[][] seededA;

    @BeforeAll
    void twoSimulatedHouseholdsInOneCommunity() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        http = Http.to(backend, port).anonymous();
        AccessFixture fixture = AccessFixture.around(backend.access());
        a = backend.access().access().directory().createHousehold("forecast A", BERLIN).id();
        b = backend.access().access().directory().createHousehold("forecast B", BERLIN).id();
        fixture.gatewaySecret("gw-fa", a);
        fixture.gatewaySecret("gw-fb", b);
        residentA = http.as(fixture.person("resident-a", Role.RESIDENT, a));
        Http operator = http.as(fixture.operator());

        end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(DAYS));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(backend.jdbcUrl());
        dataSource.setUser(backend.jdbcUser());
        dataSource.setPassword(backend.jdbcPassword());
        SimulatedHouseholds simulated = new SimulatedHouseholds(17, BERLIN);
        RollupSeeder seeder = new RollupSeeder(dataSource);
        seededA = simulated.minutes(0, start, DAYS * 1440);
        seeder.seed("gw-fa", devices("gw-fa"), start, seededA);
        seeder.seed("gw-fb", devices("gw-fb"), start, simulated.minutes(1, start, DAYS * 1440));

        var communities = backend.access().access().communities();
        communities.create(new Community("forecast-town", "Forecast town", null, 10_000, 1_000, null));
        communities.create(new Community("forecast-street", "Forecast street", "forecast-town", 10_000, 1_000, null));
        communities.join("forecast-town", a, "fixture");
        communities.join("forecast-street", b, "fixture");
        assertThat(operator.post("/api/v1/communities/forecast-town/operators",
                "{\"username\":\"town-operator\",\"password\":\"long enough\"}").status()).isEqualTo(201);
        communityOperator = http.as(fixture.bearer("town-operator", "long enough"));
    }

    @AfterAll
    void stop() {
        backend.close();
    }

    @Test
    void aHouseholdsForecastHasBothModelsPerStepAndPersistenceHoldsTheLastQuarterHour() throws Exception {
        Http.Answer answer = residentA.get("/api/v1/households/" + a + "/forecast?horizon=PT6H&step=15m&at=" + end);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("household").asText()).isEqualTo(a);
        assertThat(json.get("from").asText()).isEqualTo(end.toString());
        assertThat(json.get("step").asText()).isEqualTo("15m");
        assertThat(json.get("horizon").asText()).isEqualTo("PT6H");
        assertThat(json.get("deviceAware").get("fitted").asBoolean()).as(json.get("deviceAware").toString()).isTrue();
        JsonNode steps = json.get("steps");
        assertThat(steps).hasSize(24);
        // the last quarter hour's mean: each appliance's one value a minute, averaged, added up
        double last = 0;
        int minutes = seededA[0].length;
        for (double[] appliance : seededA) {
            for (int m = minutes - 15; m < minutes; m++) {
                last += appliance[m] / 15;
            }
        }
        for (int k = 0; k < steps.size(); k++) {
            JsonNode step = steps.get(k);
            assertThat(step.get("time").asText()).isEqualTo(end.plus(Duration.ofMinutes(15L * k)).toString());
            assertThat(step.get("persistenceWatts").asDouble()).isCloseTo(last, within(0.1));
            assertThat(step.get("deviceAwareWatts").isNumber()).as(step.toString()).isTrue();
            assertThat(step.get("deviceAwareWatts").asDouble()).isNotNegative();
        }
        // the device-aware forecast follows the day; persistence is flat by design
        assertThat(steps.findValuesAsText("deviceAwareWatts").stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void aCommunitysForecastIsItsMembersAddedUpAndShowsNoHousehold() throws Exception {
        String query = "/forecast?horizon=PT2H&step=15m&at=" + end;
        JsonNode town = communityOperator.get("/api/v1/communities/forecast-town" + query).json();
        Http operator = http.as(AccessFixture.around(backend.access()).operator());
        JsonNode ofA = operator.get("/api/v1/households/" + a + query).json();
        JsonNode ofB = operator.get("/api/v1/households/" + b + query).json();

        assertThat(town.get("community").asText()).isEqualTo("forecast-town");
        assertThat(town.get("households").get("forecast").asInt()).isEqualTo(2);
        assertThat(town.toString()).doesNotContain(a).doesNotContain(b).doesNotContain("gw-fa").doesNotContain("fridge");
        for (int k = 0; k < 8; k++) {
            for (String model : List.of("persistenceWatts", "deviceAwareWatts")) {
                assertThat(town.get("steps").get(k).get(model).asDouble()).as(model + " " + k).isCloseTo(
                        ofA.get("steps").get(k).get(model).asDouble() + ofB.get("steps").get(k).get(model).asDouble(),
                        within(0.15));
            }
        }
        // the community's operator sees the sum, never a member household
        assertThat(communityOperator.get("/api/v1/households/" + a + query).status()).isEqualTo(404);
    }

    @Test
    void badParametersAreRefusedNamingTheField() throws Exception {
        String path = "/api/v1/households/" + a + "/forecast";
        assertBadRequest(residentA.get(path + "?horizon=PT49H&step=1h"), "horizon");
        assertBadRequest(residentA.get(path + "?horizon=six-hours"), "horizon");
        assertBadRequest(residentA.get(path + "?horizon=PT0S"), "horizon");
        assertBadRequest(residentA.get(path + "?horizon=PT50M&step=15m"), "horizon");
        assertBadRequest(residentA.get(path + "?horizon=PT6H&step=7m"), "step");
        assertBadRequest(residentA.get(path + "?at=yesterday"), "at");
        assertBadRequest(communityOperator.get("/api/v1/communities/forecast-town/forecast?horizon=PT49H"), "horizon");
        Http.Answer other = residentA.get("/api/v1/households/" + b + "/forecast?horizon=PT1H");
        assertThat(other.status()).isEqualTo(404);
        assertThat(residentA.get("/api/v1/communities/nowhere/forecast").status()).isEqualTo(404);
    }

    @Test
    void theBackTestReportsBothModelsErrorsPerHorizon() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out));

        int exit = command.execute("evaluate-forecast", "--jdbc-url", backend.jdbcUrl(), "--jdbc-user", backend.jdbcUser(),
                "--jdbc-password", backend.jdbcPassword(), "--weeks", "2", "--test-days", "2");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("back-test: 2 households");
        for (String horizon : List.of("15 min", "1 h", "3 h", "6 h")) {
            String row = out.toString().lines().filter(line -> line.startsWith("| " + horizon + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + horizon + " in\n" + out));
            String[] cells = row.split("\\|");
            // | horizon | forecasts | persistence MAE | device-aware MAE | change | persistence RMSE | device-aware RMSE | change |
            assertThat(Long.parseLong(cells[2].strip().replace(",", ""))).as(row).isPositive();
            for (int cell : new int[] {3, 4, 6, 7}) {
                double error = Double.parseDouble(cells[cell].strip());
                assertThat(error).as(row).isFinite().isNotNegative();
            }
        }
    }

    private static List<String> devices(String gateway) {
        return SimulatedHouseholds.APPLIANCES.stream()
                .map(appliance -> gateway + "-" + appliance.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static void assertBadRequest(Http.Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).as(answer.text()).isEqualTo(field);
        assertThat(answer.json().get("reason").asText()).isNotBlank();
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
    }
}
