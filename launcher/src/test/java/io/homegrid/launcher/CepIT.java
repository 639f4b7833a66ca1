package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * CEP through the whole backend: readings pushed over HTTP, parsed, fed to Esper on event time;
 * outputs stored, queryable, and live over Server-Sent Events (MQTT and STOMP: BrokerAccessIT).
 */
class CepIT {

    private static final AtomicInteger GATEWAYS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir.resolve("shared")));
        http = Http.to(backend, port);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void knownReadingsGiveExactAggregatesAndTheExpectedEvents() throws Exception {
        String gw = gateway();
        Instant minute = nextMinute();
        push(gw, reading("A", "power", "100", "W", minute.plusSeconds(1), 1),
                reading("A", "power", "200", "W", minute.plusSeconds(31), 2),
                reading("B", "power", "50", "W", minute.plusSeconds(10), 3),
                reading("C", "power", "2", "W", minute.plusSeconds(20), 4),
                reading("C", "power", "80", "W", minute.plusSeconds(40), 5));
        // A and B grouped as a virtual device before the minute closes (its members must be stored devices)
        await().until(() -> http.get("/api/v1/gateways/" + gw + "/devices").json().path("devices").size() == 3);
        String household = backend.access().access().directory().gateway(gw).orElseThrow().household();
        assertThat(http.post("/api/v1/households/" + household + "/virtual-devices", "{\"name\":\"ab-" + gw
                + "\",\"devices\":[\"A\",\"B\"]}").status()).isEqualTo(201);
        // later readings move event time on: the first minute closes, then the household total
        push(gw, reading("C", "power", "80", "W", minute.plusSeconds(70), 6));
        push(gw, reading("C", "power", "80", "W", minute.plusSeconds(130), 7));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode aggregates = http.get("/api/v1/gateways/" + gw + "/aggregates?from=" + minute + "&to="
                    + minute.plusSeconds(300)).json().get("aggregates");
            assertThat(value(aggregates, "device-power-1m", "A", "watts")).isEqualTo(150.0);
            assertThat(value(aggregates, "device-power-1m", "B", "watts")).isEqualTo(50.0);
            // A 150 + B 50 + C (2 and 80 W: 41)
            assertThat(value(aggregates, "household-power-1m", null, "watts")).isEqualTo(241.0);
            // the virtual device's own stream: A 150 + B 50
            assertThat(value(aggregates, "virtual-device-power-1m", null, "watts")).isEqualTo(200.0);
            assertThat(aggregates.findValues("virtualDevice")).extracting(JsonNode::asText).containsOnly("ab-" + gw);
        });
        JsonNode events = http.get("/api/v1/events?gateway=" + gw + "&type=device-switch&from=" + minute + "&to="
                + minute.plusSeconds(300)).json().get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("device").asText()).isEqualTo("C");
        assertThat(events.get(0).at("/values/state").asText()).isEqualTo("on");
        assertThat(events.get(0).get("time").asText()).isEqualTo(minute.plusSeconds(40).toString());
    }

    @Test
    void invalidEplIsRefusedWithEspersMessage() throws Exception {
        Http.Answer answer = http.post("/api/v1/cep/statements", "{\"name\":\"broken\",\"epl\":\"select * fom PowerReading\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("epl");
        assertThat(answer.json().get("reason").asText()).contains("fom").contains("column");
    }

    @Test
    void aStatementAddedThroughTheApiProducesOutputOnTheLiveChannel() throws Exception {
        String gw = gateway();
        AccessFixture identities = AccessFixture.around(backend.access());
        identities.gatewaySecret(gw); // registered before its live stream is asked for
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> live = http.client().sendAsync(
                HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/live?gateway=" + gw))
                        .header("Authorization", identities.operator()).build(),
                HttpResponse.BodyHandlers.ofLines());
        live.thenAccept(response -> response.body().forEach(lines::add));
        await().until(() -> lines.stream().anyMatch(l -> l.startsWith(": homegrid")));
        assertThat(http.post("/api/v1/cep/statements", "{\"name\":\"heavy-load-" + gw + "\",\"epl\":"
                + "\"select gateway, device, value from PowerReading(value > 2500)\"}").status()).isEqualTo(201);

        push(gw, reading("oven", "power", "3000", "W", Instant.now().truncatedTo(ChronoUnit.MILLIS), 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                .anyMatch(l -> l.startsWith("data:") && l.contains("heavy-load-" + gw) && l.contains("\"oven\"")));
        live.cancel(true);
    }

    /** A household admin's statement runs on their own gateways; another household's readings never reach it. */
    @Test
    void aHouseholdAdminsStatementRunsOnTheirHouseholdOnly() throws Exception {
        AccessFixture identities = AccessFixture.around(backend.access());
        String a = identities.household("cep-admin-a").id();
        String b = identities.household("cep-admin-b").id();
        String gwA = gateway();
        String gwB = gateway();
        identities.gatewaySecret(gwA, a);
        identities.gatewaySecret(gwB, b);
        Http adminA = http.as(identities.person("cep-admin-a", Role.HOUSEHOLD_ADMIN, a));
        Http.Answer added = adminA.post("/api/v1/cep/statements", "{\"name\":\"dryer-a\",\"epl\":"
                + "\"select gateway, device, value from PowerReading(value > 2600)\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("household").asText()).isEqualTo(a);
        // The platform's twin of it runs everywhere: its output on B shows B's reading reached CEP.
        assertThat(http.post("/api/v1/cep/statements", "{\"name\":\"dryer-all-" + gwB + "\",\"epl\":"
                + "\"select gateway, device, value from PowerReading(value > 2600)\"}").status()).isEqualTo(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        push(gwB, reading("dryer", "power", "2700", "W", now, 1));
        push(gwA, reading("dryer", "power", "2800", "W", now, 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/events?gateway=" + gwA + "&type=dryer-a&from="
                + now.minusSeconds(1) + "&to=" + now.plusSeconds(60)).json().get("events").size() == 1);
        // B's reading went through the same runtime as the platform statement: had dryer-a run there, it would have fired too.
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/events?gateway=" + gwB + "&type=dryer-all-"
                + gwB + "&from=" + now.minusSeconds(1) + "&to=" + now.plusSeconds(60)).json().get("events").size() == 1);
        assertThat(http.get("/api/v1/events?gateway=" + gwB + "&type=dryer-a&from=" + now.minusSeconds(1) + "&to="
                + now.plusSeconds(60)).json().get("events")).isEmpty();
        assertThat(adminA.delete("/api/v1/cep/statements/device-switch").status()).isEqualTo(409);
    }

    @Test
    void statementsAddedThroughTheApiSurviveARestart(@TempDir Path own) throws Exception {
        int ownPort = FreePorts.next();
        try (EmbeddedBackend first = EmbeddedBackend.start(BackendConfig.defaults(ownPort, own))) {
            assertThat(Http.to(first, ownPort).post("/api/v1/cep/statements",
                    "{\"name\":\"kettle\",\"epl\":\"select device from PowerReading(value > 1800)\"}").status()).isEqualTo(201);
        }

        try (EmbeddedBackend second = EmbeddedBackend.start(BackendConfig.defaults(ownPort, own))) {
            JsonNode statements = Http.to(second, ownPort).get("/api/v1/cep/statements").json().get("statements");
            assertThat(statements.findValuesAsText("name")).contains("kettle", "device-power-1m");
            assertThat(Http.to(second, ownPort).post("/api/v1/cep/statements", "{\"name\":\"kettle\",\"epl\":\"select 1 from PowerReading\"}")
                    .status()).isEqualTo(409);
            assertThat(second.cep().admin().remove("kettle")).isTrue();
        }
    }

    private static void push(String gateway, String... readings) throws Exception {
        assertThat(http.post("/api/v1/gateways/" + gateway + "/readings", batch(gateway, readings)).status())
                .isEqualTo(202);
    }

    /** The start of the next minute: readings stamped there are ahead of the engine's clock, never late. */
    private static Instant nextMinute() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    }

    private static double value(JsonNode outputs, String statement, String device, String field) {
        for (JsonNode output : outputs) {
            if (output.get("statement").asText().equals(statement)
                    && (device == null || device.equals(output.path("device").asText()))) {
                return output.at("/values/" + field).asDouble();
            }
        }
        throw new AssertionError("no " + statement + " output" + (device == null ? "" : " for " + device) + " yet");
    }

    private static String gateway() {
        return "gw-cep-" + GATEWAYS.incrementAndGet();
    }
}
