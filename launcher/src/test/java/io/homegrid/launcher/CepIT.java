package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;
import io.homegrid.security.test.AccessFixture;

/**
 * CEP through the whole backend: readings pushed over HTTP, parsed, fed to Esper on event time;
 * outputs stored, queryable, and live over Server-Sent Events and MQTT.
 */
class CepIT {

    private static final AtomicInteger GATEWAYS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static int port;
    private static int mqttPort;
    private static int stompPort;

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.next();
        mqttPort = FreePorts.next();
        stompPort = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir.resolve("shared"))
                .withBrokerPorts(new EmbeddedBroker.Ports(0, mqttPort, stompPort)));
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

    @Test
    void mqttClientsReceiveCepOutputsOnCepOut() throws Exception {
        String gw = gateway();
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, "cep-it", new MemoryPersistence());
        client.connect(listener());
        client.subscribe("cep/out", (topic, message) -> received.add(Json.mapper().readTree(
                new String(message.getPayload(), StandardCharsets.UTF_8))));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        push(gw, reading("lamp", "power", "1", "W", now, 1), reading("lamp", "power", "40", "W", now.plusMillis(100), 2));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .anyMatch(o -> o.get("statement").asText().equals("device-switch") && o.get("gateway").asText().equals(gw)));
        client.disconnect();
        client.close();
    }

    @Test
    void mqttWithoutCredentialsIsRefused() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, "cep-it-anonymous", new MemoryPersistence());
        MqttConnectOptions wrong = listener();
        wrong.setPassword("guess".toCharArray());

        assertThatThrownBy(client::connect).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client.connect(wrong)).isInstanceOf(MqttException.class);
        client.close();
    }

    /**
     * The listener reads cep.out; a publication into readings.parsed would be stored past all
     * validation, and one into cep.out would reach every subscriber. The broker refuses both (it
     * still acknowledges the MQTT publish, so the test watches what arrives instead).
     */
    @Test
    void theListenerCannotPublishIntoTheBus() throws Exception {
        String gw = gateway();
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = new MqttClient("tcp://127.0.0.1:" + mqttPort, "cep-it-subscriber", new MemoryPersistence());
        subscriber.connect(listener());
        subscriber.subscribe("cep/out", (topic, message) -> received.add(Json.mapper().readTree(
                new String(message.getPayload(), StandardCharsets.UTF_8))));
        MqttClient forger = new MqttClient("tcp://127.0.0.1:" + mqttPort, "cep-it-forger", new MemoryPersistence());
        forger.connect(listener());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String forged = batch(gw, reading("forged", "power", "5", "W", now, 1));

        forger.publish("readings/parsed", forged.getBytes(StandardCharsets.UTF_8), 1, false);
        forger.publish("cep/out", ("{\"statement\":\"forged\",\"gateway\":\"" + gw + "\"}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        push(gw, reading("lamp", "power", "1", "W", now, 2), reading("lamp", "power", "40", "W", now.plusMillis(100), 3));

        // The genuine output comes after the forged publications: had they passed, they would be here first.
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .anyMatch(o -> o.get("statement").asText().equals("device-switch") && o.get("gateway").asText().equals(gw)));
        assertThat(received).noneMatch(o -> o.get("statement").asText().equals("forged"));
        await().until(() -> http.get("/api/v1/gateways/" + gw + "/devices").status() == 200);
        assertThat(http.get("/api/v1/gateways/" + gw + "/devices").json().get("devices").findValuesAsText("device"))
                .containsExactly("lamp");
        forger.disconnect();
        forger.close();
        subscriber.disconnect();
        subscriber.close();

        assertThat(stomp("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0")).startsWith("ERROR");
        String listener = "CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + backend.brokerListener().user()
                + "\npasscode:" + backend.brokerListener().password() + "\n\n\0";
        assertThat(stomp(listener + "SEND\ndestination:/topic/readings.parsed\nreceipt:r1\n\n" + forged + "\0"))
                .startsWith("CONNECTED").contains("ERROR").doesNotContain("RECEIPT");
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

    private static MqttConnectOptions listener() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(backend.brokerListener().user());
        options.setPassword(backend.brokerListener().password().toCharArray());
        return options;
    }

    /** Sends raw STOMP frames and answers what the broker said until it closed or went quiet. */
    private static String stomp(String frames) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", stompPort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(frames.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int read; (read = socket.getInputStream().read(buffer)) > 0;) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (answer.indexOf("ERROR") >= 0 && answer.lastIndexOf("\0") > answer.indexOf("ERROR")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException quiet) {
                // The broker keeps a connection open after a refused frame; what it said so far is the answer.
            } catch (SocketException closed) {
                // It closed the connection after its ERROR frame.
            }
            return answer.toString();
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
