package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.xbee.simulator.LoadProfile;
import io.homegrid.gateway.xbee.simulator.SimulatedDevice;
import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.Reading;
import io.homegrid.model.json.Json;
import io.homegrid.security.test.AccessFixture;

/** Simulated plugs → gateway (real XBee library, SQLite cache) → backend (broker, PostgreSQL) → query API. */
class GatewayEndToEndIT {

    private static final String GATEWAY = "gw-it";
    private static final Duration SILENCE = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;
    private int port;
    private Http http;
    private EmbeddedBackend backend;
    private XBeeSimulator simulator;
    private EmbeddedGateway gateway;
    private String secret;
    private volatile Identities identities;
    private final int localPort = FreePorts.next();

    @BeforeEach
    void start() throws Exception {
        port = FreePorts.next();
        backend = startBackend();
        // A restarted backend keeps its certificate (and the gateway its pin): it lives in the data directory.
        http = new Http(port, backend.tls().fingerprint(), () -> identities);
        // As an administrator would: registered once, its secret kept in the gateway's configuration.
        secret = AccessFixture.around(backend.access()).gatewaySecret(GATEWAY);
        simulator = XBeeSimulator.start(new SimulatorConfig(0, 15, 1, Duration.ofMillis(250), 11, Clock.systemDefaultZone()));
        gateway = startGateway();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        simulator.close();
        backend.close();
    }

    @Test
    void readingsFromFifteenPlugsArriveAndAreQueryable() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode devices = http.get("/api/v1/gateways/" + GATEWAY + "/devices").json().get("devices");
            assertThat(devices).hasSize(16);
            assertThat(devices.findValuesAsText("state")).containsOnly("joined");
        });
        for (SimulatedDevice device : simulator.devices()) {
            if (device.type().equals(SimulatedDevice.SMART_PLUG)) {
                await().untilAsserted(() -> assertThat(http.get("/api/v1/devices/" + device.address() + "/latest").json()
                        .get("readings").findValuesAsText("sensor")).contains("power", "current", "temperature", "light",
                                "relay"));
            }
        }
        await().untilAsserted(() -> {
            JsonNode fridge = http.get("/api/v1/gateways/" + GATEWAY + "/devices").json().path("devices").path(0);
            assertThat(fridge.path("name").asText()).isEqualTo("Fridge");
            assertThat(fridge.path("type").asText()).isEqualTo("smart-plug");
            assertThat(fridge.path("relay").asBoolean()).isTrue();
        });
    }

    @Test
    void aDeviceThatJoinsAppearsAndOneThatLeavesIsMarkedLeft() throws Exception {
        SimulatedDevice heater = simulator.addPlug("Heater", LoadProfile.KETTLE);
        String leaving = simulator.devices().get(3).address();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(device(heater.address()).path("name").asText())
                .isEqualTo("Heater"));
        simulator.leave(leaving);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(device(leaving).path("state").asText())
                .isEqualTo("left"));
        assertThat(device(heater.address()).path("state").asText()).isEqualTo("joined");
    }

    @Test
    void aRelayCommandThroughTheBackendSwitchesThePlugAndReturnsTheConfirmedState() throws Exception {
        SimulatedDevice plug = simulator.devices().get(0);
        awaitSwitchable(plug);

        Http.Answer off = http.post("/api/v1/devices/" + plug.address() + "/relay", "{\"on\":false}");

        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("on").asBoolean()).isFalse();
        assertThat(plug.relay()).isFalse();
        await().untilAsserted(() -> assertThat(latest(plug.address(), "relay")).isZero());

        Http.Answer on = http.post("/api/v1/devices/" + plug.address() + "/relay", "{\"on\":true}");
        assertThat(on.json().get("on").asBoolean()).isTrue();
        assertThat(plug.relay()).isTrue();
    }

    /** Issue 11, item 9: the gateway's local relay endpoint asks for the installer's credential. */
    @Test
    void theLocalRelayEndpointAsksForTheInstaller() throws Exception {
        SimulatedDevice plug = simulator.devices().get(2);
        awaitSwitchable(plug);
        HttpClient local = HttpClient.newHttpClient();
        URI relay = URI.create("http://127.0.0.1:" + localPort + "/api/v1/devices/" + plug.address() + "/relay");
        String password = Files.readString(dataDir.resolve("gateway").resolve("installer.password")).strip();

        HttpResponse<String> anonymous = local.send(put(relay, null), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = local.send(put(relay, AccessFixture.basic("installer", password + "x")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(plug.relay()).as("nothing was switched").isTrue();

        HttpResponse<String> installer = local.send(put(relay, AccessFixture.basic("installer", password)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(installer.statusCode()).isEqualTo(200);
        assertThat(plug.relay()).isFalse();
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("gateway").resolve("installer.password")))
                .containsOnly(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    /** Issue 16, item 4 (in part): health, status and JSON errors on the gateway's local API. */
    @Test
    void theLocalApiReportsHealthAndStatusAndAnswersEveryErrorAsJson() throws Exception {
        awaitFlowing();
        HttpClient local = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + localPort;

        await().untilAsserted(() -> {
            HttpResponse<String> health = local.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(health.body()).at("/checks/radio/status").asText()).isEqualTo("UP");
        });
        JsonNode status = Json.mapper().readTree(local.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/status"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(status.at("/devices/joined").asInt()).isEqualTo(16);
        assertThat(status.at("/radios/0/connected").asBoolean()).isTrue();
        assertThat(status.at("/backend/reachable").asBoolean()).isTrue();
        assertThat(status.at("/backend/lastPush").asText()).isNotEmpty();
        assertThat(status.at("/backend/pushed").asLong()).isPositive();

        HttpResponse<String> missing = local.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(missing.body()).get("status").asInt()).isEqualTo(404);
        String password = Files.readString(dataDir.resolve("gateway").resolve("installer.password")).strip();
        HttpResponse<String> garbled = local.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/"
                + simulator.devices().get(0).address() + "/relay")).header("Content-Type", "application/json")
                .header("Authorization", AccessFixture.basic("installer", password))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"on\":")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(garbled.body()).get("field").asText()).isEqualTo("body");

        backend.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> down = local.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(Json.mapper().readTree(down.body()).at("/checks/backend/status").asText()).isEqualTo("DOWN");
        });
        backend = startBackend();
    }

    private static HttpRequest put(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"on\":false}"));
        return (authorization == null ? request : request.header("Authorization", authorization)).build();
    }

    @Test
    void aRelayCommandToAPlugThatDoesNotAnswerIs504() throws Exception {
        SimulatedDevice plug = simulator.devices().get(1);
        awaitSwitchable(plug);
        simulator.leave(plug.address());

        Http.Answer answer = http.post("/api/v1/devices/" + plug.address() + "/relay", "{\"on\":false}");

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.json().get("reason").asText()).contains("did not confirm");
    }

    @Test
    void afterABackendOutageEveryReadingArrivesExactlyOnce() throws Exception {
        awaitFlowing();
        backend.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.cache().size() > 300);

        backend = startBackend();

        long last = newestSeq();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(storedUpTo(last)).containsExactly(last, last));
    }

    @Test
    void aGatewayRestartWithAFullCacheLosesNothing() throws Exception {
        awaitFlowing();
        backend.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.cache().size() > 300);
        long last = newestSeq();
        gateway.close();

        gateway = startGateway();
        backend = startBackend();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(storedUpTo(last)).containsExactly(last, last));
    }

    /** Also the identities the test client calls it with: the operator logs in once per backend. */
    private EmbeddedBackend startBackend() throws Exception {
        EmbeddedBackend started = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir.resolve("backend")));
        identities = Identities.of(started);
        return started;
    }

    private EmbeddedGateway startGateway() throws Exception {
        return EmbeddedGateway.start(GatewayConfig.of(GATEWAY, URI.create(backend.baseUrl()),
                "tcp://localhost:" + simulator.port(), dataDir.resolve("gateway"), localPort).withSilence(SILENCE)
                .withPushInterval(Duration.ofMillis(200)).withCommandWait(Duration.ofSeconds(1)).withSecret(secret)
                .withBackendFingerprint(backend.tls().fingerprint()));
    }

    /** Until the backend knows the plug from its gateway's device list, relay included. */
    private void awaitSwitchable(SimulatedDevice plug) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(device(plug.address()).path("relay")
                .asBoolean()).isTrue());
    }

    private void awaitFlowing() {
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.pusher().pushed() > 100);
    }

    private long newestSeq() {
        return gateway.cache().newest(1).stream().mapToLong(Reading::seq).max().orElseThrow();
    }

    /** Rows and distinct sequence numbers stored for this gateway with seq in [1, last]. */
    private long[] storedUpTo(long last) throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*), count(DISTINCT seq) FROM reading WHERE gateway_id = ? AND seq <= ?")) {
            s.setString(1, GATEWAY);
            s.setLong(2, last);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private JsonNode device(String address) throws Exception {
        JsonNode devices = http.get("/api/v1/gateways/" + GATEWAY + "/devices").json().path("devices");
        for (JsonNode device : devices) {
            if (device.get("device").asText().equals(address)) {
                return device;
            }
        }
        throw new AssertionError("device " + address + " not in the backend's list yet");
    }

    private double latest(String address, String sensor) throws Exception {
        for (JsonNode reading : http.get("/api/v1/devices/" + address + "/latest").json().get("readings")) {
            if (reading.get("sensor").asText().equals(sensor)) {
                return reading.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + sensor + " reading yet");
    }
}
