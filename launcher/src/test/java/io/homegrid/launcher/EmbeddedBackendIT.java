package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** The embedded backend over HTTP, as a gateway and an application use it, checked against PostgreSQL. */
class EmbeddedBackendIT {

    private static final AtomicInteger GATEWAYS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        http = Http.to(backend, port);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aPushedBatchIsQueryableAndStoredOncePerReading() throws Exception {
        String gw = newGateway();
        Http.Answer pushed = http.post("/api/v1/gateways/" + gw + "/readings", batch(gw,
                power(gw + "-plug", 87.5, 1, 30), power(gw + "-plug", 90, 2, 20), power(gw + "-plug", 95, 3, 10)));

        assertThat(pushed.status()).isEqualTo(202);
        assertThat(pushed.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(pushed.json().get("rejected")).isEmpty();
        await().untilAsserted(() -> assertThat(http.get("/api/v1/devices/" + gw + "-plug/readings?sensor=power")
                .json().get("readings")).extracting(JsonNode::toString).hasSize(3));
        assertThat(rowsOf(gw)).isEqualTo(3);
        assertThat(sql("SELECT count(DISTINCT seq) FROM reading WHERE gateway_id = ?", gw)).isEqualTo(3);

        JsonNode latest = http.get("/api/v1/devices/" + gw + "-plug/latest").json();
        assertThat(latest.get("gateway").asText()).isEqualTo(gw);
        assertThat(latest.at("/readings/0/value").asDouble()).isEqualTo(95);
        JsonNode gateways = http.get("/api/v1/gateways").json().get("gateways");
        assertThat(gateways.findValuesAsText("id")).contains(gw);
    }

    @Test
    void metricsParseAsPrometheusTextAndTheirCountersMoveWithAPush() throws Exception {
        String gw = newGateway();
        String pushes = "homegrid_http_requests_seconds_count{method=\"POST\",status=\"202\","
                + "uri=\"/api/v1/gateways/{gatewayId}/readings\"}";
        Map<String, Double> before = PrometheusText.parse(metrics().text());

        assertThat(http.post("/api/v1/gateways/" + gw + "/readings", batch(gw, power(gw + "-plug", 10, 1, 3),
                power(gw + "-plug", 11, 2, 2), reading(gw + "-plug", "power", "-1", "W", Instant.now(), 3))).status())
                .isEqualTo(202);

        await().untilAsserted(() -> {
            Map<String, Double> after = PrometheusText.parse(metrics().text());
            assertThat(after.get("homegrid_readings_stored_total") - before.get("homegrid_readings_stored_total"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(after.get(pushes) - before.getOrDefault(pushes, 0.0)).isEqualTo(1);
        });
        Map<String, Double> after = PrometheusText.parse(metrics().text());
        assertThat(delta(before, after, "homegrid_push_readings_total{outcome=\"accepted\"}")).isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, "homegrid_push_readings_total{outcome=\"refused\"}")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after,
                "homegrid_destination_enqueued_total{destination=\"readings.raw\",type=\"queue\"}")).isPositive();
        assertThat(after).containsKeys("homegrid_persistence_lag_seconds", "homegrid_live_connections",
                "homegrid_replays{state=\"running\"}", "jvm_threads_live_threads");
        assertThat(after.keySet()).anyMatch(key -> key.startsWith("jvm_memory_used_bytes{"));
    }

    @Test
    void theOpenApiDocumentValidatesAndDescribesEveryKindOfEndpoint() throws Exception {
        Http.Answer document = http.anonymous().get("/api/v1/openapi.json");
        assertThat(document.status()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.text(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.0");
        assertThat(api.getPaths()).containsKeys("/api/v1/gateways/{gatewayId}/readings",
                "/api/v1/households/{householdId}/profile", "/api/v1/replays/{id}", "/metrics", "/health");
        assertThat(api.getPaths().get("/api/v1/gateways/{gatewayId}/readings").getPost()).isNotNull();
        assertThat(api.getPaths().get("/api/v1/households/{householdId}/profile").getGet().getParameters())
                .extracting(Parameter::getName).contains("weeks", "slot", "tz", "by");
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("bearer", "basic");
        assertThat(api.getPaths().get("/health").getGet().getSecurity()).as("public: no credentials").isEmpty();
        assertThat(api.getPaths().get("/metrics").getGet().getSecurity()).as("the document's default").isNull();
    }

    @Test
    void swaggerUiShowsTheDocumentAndServesOnlyItsOwnFiles() throws Exception {
        Http anyone = http.anonymous();
        Http.Answer page = anyone.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.text()).contains("data-spec=\"/api/v1/openapi.json\"", "src=\"/api/docs/swagger-ui-bundle.js\"");
        assertThat(anyone.get("/api/docs/swagger-ui-bundle.js").text()).contains("SwaggerUIBundle");
        assertThat(anyone.get("/api/docs/homegrid-docs.js").text()).contains("root.dataset.spec");
        assertThat(anyone.get("/api/docs/index.html").status()).isEqualTo(404);
        assertThat(anyone.get("/api/docs/..%2F..%2Fhealth").status()).isEqualTo(404);
    }

    @Test
    void aWebhookMustBeAnHttpsUrlOfAKnownApplication() throws Exception {
        assertThat(http.post("/api/v1/applications", "{\"clientId\":\"hooked\",\"name\":\"Hooked\"}").status())
                .isEqualTo(201);

        Http.Answer plain = http.put("/api/v1/applications/hooked/webhook", "{\"url\":\"http://service.example/in\"}");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().get("field").asText()).isEqualTo("url");
        assertThat(plain.json().get("reason").asText()).contains("https://");
        assertThat(http.put("/api/v1/applications/hooked/webhook", "{\"url\":\"service.example\"}").json()
                .get("field").asText()).isEqualTo("url");
        assertThat(http.put("/api/v1/applications/hooked/webhook", "{}").json().get("field").asText()).isEqualTo("url");
        Http.Answer unknown = http.put("/api/v1/applications/nobody/webhook", "{\"url\":\"https://service.example/in\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asText()).isEqualTo("clientId");
        Http.Answer registered = http.put("/api/v1/applications/hooked/webhook", "{\"url\":\"https://service.example/in\"}");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.header("Cache-Control")).isEqualTo("no-store");
        assertThat(java.util.Base64.getDecoder().decode(registered.json().get("signingKey").asText())).hasSize(32);
        assertThat(http.get("/api/v1/applications/hooked/webhook").json().has("signingKey")).isFalse();
    }

    @Test
    void rawReadingsPageThroughEveryReadingOnceEvenWhenSeveralShareAnInstant() throws Exception {
        String gw = newGateway();
        Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // power and energy of each instant together: pages must split them without losing one
            readings.add(reading(gw + "-plug", "power", Integer.toString(10 + i), "W", t0.plusSeconds(i), 2L * i + 1));
            readings.add(reading(gw + "-plug", "energy", Integer.toString(100 + i), "Wh", t0.plusSeconds(i), 2L * i + 2));
        }
        assertThat(http.post("/api/v1/gateways/" + gw + "/readings", batch(gw, readings.toArray(String[]::new))).status())
                .isEqualTo(202);
        String base = "/api/v1/devices/" + gw + "-plug/readings?from=" + t0.minusSeconds(1) + "&to=" + t0.plusSeconds(30);
        await().until(() -> http.get(base).json().get("readings").size() == 10);

        List<Long> seqs = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get(base + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("readings").forEach(reading -> seqs.add(reading.get("seq").asLong()));
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(4);
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        Http.Answer forged = http.get(base + "&cursor=bm90LWEtY3Vyc29y");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("field").asText()).isEqualTo("cursor");

        Http.Answer csv = http.get(base + "&sensor=power", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sensor,value,unit,time,seq");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).startsWith("power,10.0,W," + t0).endsWith(",1");
    }

    @Test
    void listsHeldInMemoryAndRefusedReadingsPageWithANextCursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/v1/households", "{\"name\":\"paged " + i + "\",\"timeZone\":\"UTC\"}").status())
                    .isEqualTo(201);
        }
        List<String> all = new ArrayList<>();
        http.get("/api/v1/households").json().get("households").forEach(h -> all.add(h.get("id").asText()));
        List<String> paged = new ArrayList<>();
        JsonNode page = http.get("/api/v1/households?limit=2").json();
        while (true) {
            page.get("households").forEach(h -> paged.add(h.get("id").asText()));
            if (!page.hasNonNull("next")) {
                break;
            }
            assertThat(page.get("households")).hasSize(2);
            page = http.get("/api/v1/households?limit=2&cursor=" + page.get("next").asText()).json();
        }
        assertThat(paged).isEqualTo(all).hasSizeGreaterThanOrEqualTo(4);

        String gw = newGateway();
        for (int i = 1; i <= 3; i++) {
            http.post("/api/v1/gateways/" + gw + "/readings", batch(gw, reading(gw + "-plug", "power", "-" + i, "W",
                    Instant.now(), i)));
        }
        await().until(() -> http.get("/api/v1/invalid-readings?gateway=" + gw).json().get("invalidReadings").size() == 3);
        List<Long> newestFirst = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode one = http.get("/api/v1/invalid-readings?gateway=" + gw + "&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            one.get("invalidReadings").forEach(invalid -> newestFirst.add(invalid.get("seq").asLong()));
            cursor = one.hasNonNull("next") ? one.get("next").asText() : null;
        } while (cursor != null && newestFirst.size() < 10);
        assertThat(newestFirst).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    private static Http.Answer metrics() throws Exception {
        Http.Answer answer = http.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        return answer;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        assertThat(after).containsKey(key);
        return after.get(key) - before.getOrDefault(key, 0.0);
    }

    @Test
    void resendingABatchThreeTimesLeavesOneRowPerReading() throws Exception {
        String gw = newGateway();
        String body = batch(gw, power(gw + "-plug", 10, 100, 5), power(gw + "-plug", 11, 101, 4));
        long duplicatesBefore = backend.persistence().duplicatesDropped();

        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/api/v1/gateways/" + gw + "/readings", body).status()).isEqualTo(202);
        }

        await().until(() -> backend.persistence().duplicatesDropped() - duplicatesBefore >= 6);
        assertThat(rowsOf(gw)).isEqualTo(2);
    }

    @Test
    void anInvalidReadingIsListedWithItsReasonWhileItsBatchMatesAreStored() throws Exception {
        String gw = newGateway();
        Http.Answer pushed = http.post("/api/v1/gateways/" + gw + "/readings", batch(gw,
                power(gw + "-plug", 50, 1, 5),
                reading(gw + "-plug", "power", "-12", "W", Instant.now(), 2),
                power(gw + "-plug", 60, 3, 4)));

        assertThat(pushed.status()).isEqualTo(202);
        assertThat(pushed.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(pushed.json().at("/rejected/0/index").asInt()).isEqualTo(1);
        assertThat(pushed.json().at("/rejected/0/field").asText()).isEqualTo("value");
        await().untilAsserted(() -> {
            JsonNode invalid = http.get("/api/v1/invalid-readings?gateway=" + gw).json().get("invalidReadings");
            assertThat(invalid).hasSize(1);
            assertThat(invalid.get(0).get("seq").asLong()).isEqualTo(2);
            assertThat(invalid.get(0).get("field").asText()).isEqualTo("value");
            assertThat(invalid.get(0).get("reason").asText()).contains("outside what a power sensor can report");
            assertThat(invalid.get(0).at("/reading/value").asInt()).isEqualTo(-12);
        });
        await().untilAsserted(() -> assertThat(rowsOf(gw)).isEqualTo(2));
        assertThat(sql("SELECT count(*) FROM reading WHERE gateway_id = ? AND seq = 2", gw)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NaN value           | \"device\":\"d\",\"sensor\":\"power\",\"value\":NaN,\"time\":\"%s\",\"seq\":2       | value  | NaN is not a measurement",
            "infinite value      | \"device\":\"d\",\"sensor\":\"power\",\"value\":1e400,\"time\":\"%s\",\"seq\":2     | value  | Infinity",
            "value as string     | \"device\":\"d\",\"sensor\":\"power\",\"value\":\"12\",\"time\":\"%s\",\"seq\":2    | value  | must be a number",
            "10 MW from a plug   | \"device\":\"d\",\"sensor\":\"power\",\"value\":10000,\"unit\":\"kW\",\"time\":\"%s\",\"seq\":2 | value | outside",
            "missing seq         | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"%s\"                   | seq    | missing",
            "unknown field       | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"%s\",\"seq\":2,\"x\":1 | x      | unknown field",
            "unknown sensor      | \"device\":\"d\",\"sensor\":\"smell\",\"value\":1,\"time\":\"%s\",\"seq\":2         | sensor | unknown sensor kind",
            "unknown unit        | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"unit\":\"hp\",\"time\":\"%s\",\"seq\":2 | unit | not a unit of power",
            "time in the future  | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"FUTURE\",\"seq\":2      | time   | ahead of the backend's clock"})
    void aBadReadingIsRefusedNamingFieldAndReasonAndItsBatchMateIsKept(String name, String fields, String field,
            String reason) throws Exception {
        String gw = newGateway();
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String bad = "{" + fields.replace("%s", now).replace("FUTURE", Instant.now().plus(Duration.ofMinutes(10))
                .truncatedTo(ChronoUnit.SECONDS).toString()) + "}";

        Http.Answer answer = http.post("/api/v1/gateways/" + gw + "/readings", batch(gw, power("ok", 1, 1, 1), bad));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.json().at("/rejected/0/field").asText()).isEqualTo(field);
        assertThat(answer.json().at("/rejected/0/reason").asText()).contains(reason);
        await().untilAsserted(() -> assertThat(rowsOf(gw)).isEqualTo(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON           | application/json | {\"readings\":[        | 400 | body         | not valid JSON",
            "wrong content type | text/plain       | {}                    | 415 | Content-Type | application/json",
            "empty batch        | application/json | {\"readings\":[]}      | 400 | readings     | empty batch",
            "no readings field  | application/json | {\"gateway\":\"GW\"}   | 400 | readings     | missing",
            "unknown top field  | application/json | {\"readings\":[1],\"foo\":1} | 400 | foo     | unknown field",
            "gateway mismatch   | application/json | {\"gateway\":\"other\",\"readings\":[1]} | 400 | gateway | does not match",
            "a key twice        | application/json | {\"gateway\":\"GW\",\"gateway\":\"GW\",\"readings\":[1]} | 400 | body | Duplicate field 'gateway'",
            "trailing garbage   | application/json | {\"readings\":[1]} xyz | 400 | body | not valid JSON"})
    void aBadBatchIsRefusedWholeWithAJsonReason(String name, String contentType, String body, int status, String field,
            String reason) throws Exception {
        String gw = newGateway();

        Http.Answer answer = http.post("/api/v1/gateways/" + gw + "/readings", contentType, body.replace("GW", gw));

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.json().get("reason").asText()).contains(reason);
    }

    /** Jackson would guess UTF-16 from the bytes and read it; JSON is UTF-8, so it is refused. */
    @Test
    void aBodyThatIsNotUtf8IsRefusedAndNothingIsStored() throws Exception {
        String gw = newGateway();
        String body = batch(gw, power("d", 1, 1, 1));

        Http.Answer utf16 = http.post("/api/v1/gateways/" + gw + "/readings", body.getBytes(StandardCharsets.UTF_16));
        Http.Answer utf16le = http.post("/api/v1/gateways/" + gw + "/readings", body.getBytes(StandardCharsets.UTF_16LE));
        Http.Answer latin1 = http.post("/api/v1/gateways/" + gw + "/readings",
                body.replace("\"d\"", "\"d\",\"x\":\"\u00e9\"").getBytes(StandardCharsets.ISO_8859_1));

        for (Http.Answer answer : List.of(utf16, utf16le, latin1)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("field").asText()).isEqualTo("body");
            assertThat(answer.json().get("reason").asText()).contains("not UTF-8");
        }
        assertThat(http.post("/api/v1/gateways/" + gw + "/readings", body).status()).isEqualTo(202);
        await().untilAsserted(() -> assertThat(rowsOf(gw)).isEqualTo(1));
    }

    private static final String JOINED = "\"sensors\":[{\"sensor\":\"power\",\"unit\":\"W\"}],\"relay\":true,\"state\":\"joined\"";

    /** PostgreSQL refuses NUL in text: refused on its own item, its batch-mate is stored. */
    @Test
    void aControlCharacterInADeviceNameRefusesThatDeviceOnly() throws Exception {
        String gw = newGateway();
        String devices = "{\"devices\":[{\"device\":\"" + gw + "-a\",\"type\":\"smart-plug\",\"name\":\"Fri\\u0000dge\"," + JOINED + "},"
                + "{\"device\":\"" + gw + "-b\",\"type\":\"smart-plug\",\"name\":\"TV\"," + JOINED + "}]}";

        Http.Answer answer = http.post("/api/v1/gateways/" + gw + "/devices", devices);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.json().at("/rejected/0/field").asText()).isEqualTo("name");
        assertThat(answer.json().at("/rejected/0/reason").asText()).contains("U+0000");
        await().untilAsserted(() -> assertThat(http.get("/api/v1/gateways/" + gw + "/devices").json().get("devices"))
                .extracting(d -> d.get("name").asText()).containsExactly("TV"));
    }

    /** Issue 11, item 7: what Jetty refuses before CXF sees the request comes back in the JSON error body too. */
    @Test
    void aHeaderTooLargeIsAnsweredInTheJsonErrorBody() throws Exception {
        Http.Answer answer = http.as("Bearer " + "x".repeat(64 * 1024)).get("/api/v1/gateways");

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.json().get("status").asInt()).isEqualTo(431);
        assertThat(answer.json().get("field").asText()).isEqualTo("request");
        assertThat(answer.text()).doesNotContain("<html");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "relay, cut off          | /api/v1/devices/d/relay                   | {\"on\":               | not valid JSON",
            "relay, on as an array   | /api/v1/devices/d/relay                   | {\"on\":[1]}           | send {\"on\":true}",
            "relay, a key twice      | /api/v1/devices/d/relay                   | {\"on\":true,\"on\":false} | Duplicate field 'on'",
            "statement, cut off      | /api/v1/cep/statements                    | {\"name\":             | not valid JSON",
            "command result, garbage | /api/v1/gateways/gw-x/commands/c1/result  | {\"id\":\"c1\"} trailing | not valid JSON"})
    void malformedJsonToTheOtherEndpointsIsAnswered400(String name, String path, String body, String reason)
            throws Exception {
        Http.Answer answer = http.post(path, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(answer.json().get("reason").asText()).contains(reason);
    }

    @Test
    void aBatchOverTheSizeLimitIsRefusedWith413() throws Exception {
        String gw = newGateway();
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            readings.add(power("d", 1, i, 1));
        }

        Http.Answer tooMany = http.post("/api/v1/gateways/" + gw + "/readings", batch(gw, readings.toArray(String[]::new)));
        Http.Answer tooBig = http.post("/api/v1/gateways/" + gw + "/readings",
                "{\"readings\":[\"" + "x".repeat(1 << 20) + "\"]}");

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("reason").asText()).contains("exceeds the limit of 1000");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("field").asText()).isEqualTo("body");
    }

    @Test
    void aBatchWithOnlyBadReadingsIsAnswered422AndStillRecorded() throws Exception {
        String gw = newGateway();

        Http.Answer answer = http.post("/api/v1/gateways/" + gw + "/readings",
                batch(gw, reading("d", "humidity", "120", "%", Instant.now(), 1)));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("accepted").asInt()).isZero();
        await().untilAsserted(() -> assertThat(http.get("/api/v1/invalid-readings?gateway=" + gw).json()
                .get("invalidReadings")).hasSize(1));
    }

    @Test
    void devicesJoinAndLeave() throws Exception {
        String gw = newGateway();
        String device = gw + "-fridge";
        String joined = "{\"devices\":[{\"device\":\"" + device + "\",\"type\":\"smart-plug\",\"name\":\"Fridge\","
                + "\"sensors\":[{\"sensor\":\"power\",\"unit\":\"W\"}],\"relay\":true,\"state\":\"joined\"}]}";

        assertThat(http.post("/api/v1/gateways/" + gw + "/devices", joined).status()).isEqualTo(202);
        await().untilAsserted(() -> assertThat(http.get("/api/v1/gateways/" + gw + "/devices").json()
                .at("/devices/0/state").asText()).isEqualTo("joined"));

        assertThat(http.post("/api/v1/gateways/" + gw + "/devices", joined.replace("joined", "left")).status())
                .isEqualTo(202);
        await().untilAsserted(() -> assertThat(http.get("/api/v1/gateways/" + gw + "/devices").json()
                .at("/devices/0/state").asText()).isEqualTo("left"));
        JsonNode summary = http.get("/api/v1/gateways").json().get("gateways");
        assertThat(summary.findParents("id").stream().filter(g -> g.get("id").asText().equals(gw))
                .findFirst().orElseThrow().get("devices").asInt()).isEqualTo(1);
    }

    @Test
    void bucketsAggregateExactly() throws Exception {
        String gw = newGateway();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        String device = gw + "-tv";
        http.post("/api/v1/gateways/" + gw + "/readings", batch(gw,
                reading(device, "power", "100", "W", minute.plusSeconds(1), 1),
                reading(device, "power", "0.2", "kW", minute.plusSeconds(31), 2),
                reading(device, "power", "40", "W", minute.plusSeconds(61), 3)));
        await().untilAsserted(() -> assertThat(rowsOf(gw)).isEqualTo(3));

        JsonNode rows = http.get("/api/v1/devices/" + device + "/readings?sensor=power&bucket=1m&from=" + minute
                + "&to=" + minute.plusSeconds(120)).json().get("readings");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("bucket").asText()).isEqualTo(minute.toString());
        assertThat(rows.get(0).get("avg").asDouble()).isEqualTo(150);
        assertThat(rows.get(0).get("min").asDouble()).isEqualTo(100);
        assertThat(rows.get(0).get("max").asDouble()).isEqualTo(200);
        assertThat(rows.get(0).get("count").asInt()).isEqualTo(2);
        assertThat(rows.get(1).get("avg").asDouble()).isEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown device  | /api/v1/devices/nobody/latest                                   | 404 | device",
            "unknown gateway | /api/v1/gateways/nobody/devices                                 | 404 | gatewayId",
            "bad from        | /api/v1/devices/nobody/readings?from=yesterday                   | 400 | from",
            "from after to   | /api/v1/devices/x/readings?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | 400 | from",
            "bad bucket      | /api/v1/devices/x/readings?bucket=5m                              | 400 | bucket",
            "bad sensor      | /api/v1/devices/x/readings?sensor=smell                           | 400 | sensor",
            "bad limit       | /api/v1/invalid-readings?limit=0                                  | 400 | limit",
            "no such path    | /api/v1/nothing                                                   | 404 | path"})
    void badQueriesAreAnsweredWithAJsonReason(String name, String path, int status, String field) throws Exception {
        Http.Answer answer = http.get(path);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.json().get("reason").asText()).isNotBlank();
    }

    @Test
    void healthReportsEveryPartUp() throws Exception {
        Http.Answer health = http.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("checks").findValuesAsText("status")).containsOnly("UP").hasSize(4);
        assertThat(health.json().at("/checks/ingest/detail").asText()).matches("lag \\d+\\.\\d s \\(bound 60 s\\), broker store \\d+ % \\(bound 70 %\\)");
    }

    @Test
    void theEmbeddedDatabaseCommitsDurably() throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                Statement s = c.createStatement()) {
            assertThat(show(s, "fsync")).isEqualTo("on");
            assertThat(show(s, "synchronous_commit")).isEqualTo("on");
            assertThat(show(s, "full_page_writes")).isEqualTo("on");
        }
    }

    private static String show(Statement statement, String setting) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String newGateway() {
        return "gw-it-" + GATEWAYS.incrementAndGet();
    }

    private static long rowsOf(String gateway) throws Exception {
        return sql("SELECT count(*) FROM reading WHERE gateway_id = ?", gateway);
    }

    private static long sql(String query, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
