package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 15, the WebSocket live channel (/api/v1/live/ws) through the whole embedded backend:
 * readings as soon as they are parsed, by subscription, only what the caller may see, and
 * resumed after a reconnect from the last message id.
 */
class LiveSocketIT {

    private static final String A = "gw-live-a";
    private static final String B = "gw-live-b";
    private static final AtomicLong SEQ = new AtomicLong();

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static String householdA;
    private static String tokenA;
    private static String tokenB;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        http = Http.to(backend, port);
        AccessFixture fixture = AccessFixture.around(backend.access());
        householdA = fixture.household("live A").id();
        String householdB = fixture.household("live B").id();
        fixture.gatewaySecret(A, householdA);
        fixture.gatewaySecret(B, householdB);
        tokenA = fixture.person("live-a", Role.RESIDENT, householdA).substring("Bearer ".length());
        tokenB = fixture.person("live-b", Role.RESIDENT, householdB).substring("Bearer ".length());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aSubscribedReadingArrivesAsSoonAsItIsParsedAndAnotherHouseholdsNever() throws Exception {
        try (LiveClient client = subscribed(tokenA, "{\"type\":\"subscribe\",\"id\":\"plugs\",\"household\":\"" + householdA
                + "\",\"kinds\":[\"reading\"],\"sensors\":[\"power\"]}")) {
            long other = SEQ.incrementAndGet();
            push(B, power("b-plug", 10, other, 0));
            long seq = SEQ.incrementAndGet();
            push(A, power("a-plug", 87.5, seq, 0), reading("a-plug", "temperature", "20", "°C", Instant.now(),
                    SEQ.incrementAndGet()));

            // well within the CEP's 5 s lateness bound, which the SSE channel waits out
            await().atMost(Duration.ofSeconds(3)).until(() -> !client.of("message").isEmpty());
            JsonNode message = client.of("message").get(0);
            assertThat(message.get("subscription").asText()).isEqualTo("plugs");
            assertThat(message.get("kind").asText()).isEqualTo("reading");
            assertThat(message.at("/data/device").asText()).isEqualTo("a-plug");
            assertThat(message.at("/data/value").asDouble()).isEqualTo(87.5);
            assertThat(message.at("/data/seq").asLong()).isEqualTo(seq);
            // B's reading came first on the bus, A's temperature in the same batch: neither was sent
            assertThat(client.of("message")).hasSize(1);

            client.send("{\"type\":\"unsubscribe\",\"id\":\"plugs\"}");
            await().until(() -> !client.of("unsubscribed").isEmpty());
        }
    }

    @Test
    void aResidentOfAnotherHouseholdCannotSubscribeToIt() throws Exception {
        try (LiveClient client = LiveClient.connect(http)) {
            client.send("{\"type\":\"auth\",\"token\":\"" + tokenB + "\"}");
            await().until(() -> !client.of("welcome").isEmpty());
            client.send("{\"type\":\"subscribe\",\"id\":\"peek\",\"household\":\"" + householdA + "\"}");
            await().until(() -> !client.of("error").isEmpty());
            JsonNode error = client.of("error").get(0);
            assertThat(error.get("id").asText()).isEqualTo("peek");
            assertThat(error.get("field").asText()).isEqualTo("householdId");
            client.send("{\"type\":\"subscribe\",\"id\":\"x\",\"household\":\"" + householdA + "\",\"kinds\":[\"gossip\"]}");
            await().until(() -> client.of("error").size() == 2);
            assertThat(client.of("error").get(1).get("field").asText()).isEqualTo("kinds");
        }
    }

    @Test
    void withoutLoggingInTheSocketIsClosed() throws Exception {
        try (LiveClient client = LiveClient.connect(http)) {
            client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"household\":\"" + householdA + "\"}");
            assertThat(client.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        }
        try (LiveClient client = LiveClient.connect(http)) {
            client.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
            assertThat(client.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void aClientThatReconnectsResumesAfterTheLastMessageItHad() throws Exception {
        String subscribe = "{\"type\":\"subscribe\",\"id\":\"resumed\",\"household\":\"" + householdA
                + "\",\"kinds\":[\"reading\"],\"devices\":[\"a-resume\"]}";
        long last;
        try (LiveClient client = subscribed(tokenA, subscribe)) {
            push(A, power("a-resume", 1, SEQ.incrementAndGet(), 0));
            await().until(() -> client.of("message").size() == 1);
            last = client.of("message").get(0).get("id").asLong();
        }
        long missed1 = SEQ.incrementAndGet();
        long missed2 = SEQ.incrementAndGet();
        push(A, power("a-resume", 2, missed1, 0), power("a-resume", 3, missed2, 0));
        // the readings are parsed (stored) while no client is connected
        await().until(() -> http.get("/api/v1/devices/a-resume/readings?sensor=power").json().path("readings").size() == 3);

        try (LiveClient client = subscribed(tokenA, subscribe)) {
            client.send("{\"type\":\"resume\",\"after\":" + last + "}");
            await().until(() -> client.of("message").size() == 2);
            assertThat(client.of("message")).extracting(m -> m.at("/data/seq").asLong()).containsExactly(missed1, missed2);
            assertThat(client.of("message")).allSatisfy(m -> assertThat(m.get("id").asLong()).isGreaterThan(last));
        }
    }

    @Test
    void aClientThatDoesNotReadIsCutOffAndThePipelineKeepsItsPace() throws Exception {
        long before = stored();
        int pushed = 0;
        try (LiveClient stalled = LiveClient.stalled(http)) {
            stalled.send("{\"type\":\"auth\",\"token\":\"" + tokenA + "\"}");
            stalled.send("{\"type\":\"subscribe\",\"id\":\"all\",\"household\":\"" + householdA + "\"}");
            await().until(() -> sockets() == 1);
            // far more than the socket's queue and the kernel's buffers hold, until the server cuts it off
            while (sockets() > 0 && pushed < 100_000) {
                String[] readings = new String[1_000];
                for (int i = 0; i < readings.length; i++) {
                    readings[i] = power("a-flood-" + (i % 15), 100 + i % 7, SEQ.incrementAndGet(), 1);
                }
                push(A, readings);
                pushed += readings.length;
            }
            assertThat(sockets()).as("cut off").isZero();
        }
        int all = pushed;
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() - before >= all);
        try (LiveClient fresh = subscribed(tokenA, "{\"type\":\"subscribe\",\"id\":\"after\",\"household\":\""
                + householdA + "\",\"kinds\":[\"reading\"]}")) {
            push(A, power("a-after", 5, SEQ.incrementAndGet(), 0));
            await().atMost(Duration.ofSeconds(3)).until(() -> !fresh.of("message").isEmpty());
        }
    }

    @Test
    void anApplicationsSubscriptionEndsWithinSecondsOfItsGrantBeingRevoked() throws Exception {
        Http.Answer registered = http.post("/api/v1/applications", "{\"clientId\":\"live-app-2\",\"name\":\"Live app\"}");
        String secret = registered.json().get("clientSecret").asText();
        Http.Answer grant = http.post("/api/v1/households/" + householdA + "/grants",
                "{\"application\":\"live-app-2\",\"scopes\":[\"live:read\"],\"devices\":[\"a-app\"]}");
        assertThat(grant.status()).isEqualTo(201);
        String token = http.anonymous().post("/api/v1/auth/token", "{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"live-app-2\",\"client_secret\":\"" + secret + "\"}").json().get("access_token").asText();

        try (LiveClient client = subscribed(token, "{\"type\":\"subscribe\",\"id\":\"granted\",\"household\":\""
                + householdA + "\",\"kinds\":[\"reading\"]}")) {
            push(A, power("a-other", 1, SEQ.incrementAndGet(), 0), power("a-app", 2, SEQ.incrementAndGet(), 0));
            await().until(() -> client.of("message").size() == 1);
            assertThat(client.of("message").get(0).at("/data/device").asText()).as("only the granted device")
                    .isEqualTo("a-app");

            assertThat(http.delete("/api/v1/households/" + householdA + "/grants/" + grant.json().get("id").asText())
                    .status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.of("revoked").isEmpty());
            assertThat(client.of("revoked").get(0).get("id").asText()).isEqualTo("granted");
            long after = SEQ.incrementAndGet();
            push(A, power("a-app", 3, after, 0));
            await().until(() -> http.get("/api/v1/devices/a-app/readings?sensor=power").json().path("readings").size() == 2);
            assertThat(client.of("message")).hasSize(1);
        }
    }

    @Test
    void joinsLeavesAndRelaySwitchesArriveAsTheirOwnKindsOnceEach() throws Exception {
        try (LiveClient client = subscribed(tokenA, "{\"type\":\"subscribe\",\"id\":\"home\",\"household\":\""
                + householdA + "\",\"kinds\":[\"device\",\"relay\"]}")) {
            pushDevices(A, "{\"device\":\"kettle\",\"type\":\"smart-plug\",\"name\":\"Kettle\",\"relay\":true,"
                    + "\"state\":\"joined\",\"sensors\":[]}");
            await().until(() -> client.of("message").size() == 1);
            JsonNode joined = client.of("message").get(0);
            assertThat(joined.get("kind").asText()).isEqualTo("device");
            assertThat(joined.at("/data/device").asText()).isEqualTo("kettle");
            assertThat(joined.at("/data/state").asText()).isEqualTo("joined");

            // the same state again is no change; a relay reported on twice is one switch
            pushDevices(A, "{\"device\":\"kettle\",\"type\":\"smart-plug\",\"name\":\"Kettle\",\"relay\":true,"
                    + "\"state\":\"joined\",\"sensors\":[]}");
            push(A, reading("kettle", "relay", "1", "0/1", Instant.now(), SEQ.incrementAndGet()));
            push(A, reading("kettle", "relay", "1", "0/1", Instant.now(), SEQ.incrementAndGet()));
            push(A, reading("kettle", "relay", "0", "0/1", Instant.now(), SEQ.incrementAndGet()));
            await().until(() -> client.of("message").size() == 3);
            assertThat(client.of("message").get(1).get("kind").asText()).isEqualTo("relay");
            assertThat(client.of("message").get(1).at("/data/on").asBoolean()).isTrue();
            assertThat(client.of("message").get(2).at("/data/on").asBoolean()).isFalse();

            pushDevices(A, "{\"device\":\"kettle\",\"type\":\"smart-plug\",\"name\":\"Kettle\",\"relay\":true,"
                    + "\"state\":\"left\",\"sensors\":[]}");
            await().until(() -> client.of("message").size() == 4);
            assertThat(client.of("message").get(3).at("/data/state").asText()).isEqualTo("left");
            // nothing of the readings themselves: this subscription asked for switches and joins only
            assertThat(client.of("message")).extracting(m -> m.get("kind").asText()).containsOnly("device", "relay");
        }
    }

    @Test
    void aVirtualDeviceSubscriptionCarriesItsMembersOnly() throws Exception {
        push(A, power("oven", 1, SEQ.incrementAndGet(), 5), power("toaster", 1, SEQ.incrementAndGet(), 5));
        String admin = AccessFixture.around(backend.access()).person("live-admin", Role.HOUSEHOLD_ADMIN, householdA);
        await().untilAsserted(() -> assertThat(http.as(admin).post("/api/v1/households/" + householdA + "/virtual-devices",
                "{\"name\":\"kitchen\",\"devices\":[\"oven\",\"toaster\"]}").status()).isEqualTo(201));
        try (LiveClient client = subscribed(tokenA, "{\"type\":\"subscribe\",\"id\":\"kitchen\",\"household\":\""
                + householdA + "\",\"virtualDevice\":\"kitchen\",\"kinds\":[\"reading\"]}")) {
            push(A, power("lamp", 5, SEQ.incrementAndGet(), 0), power("oven", 2000, SEQ.incrementAndGet(), 0),
                    power("toaster", 800, SEQ.incrementAndGet(), 0));
            await().until(() -> client.of("message").size() == 2);
            assertThat(client.of("message")).extracting(m -> m.at("/data/device").asText()).containsExactly("oven", "toaster");

            client.send("{\"type\":\"subscribe\",\"id\":\"none\",\"household\":\"" + householdA
                    + "\",\"virtualDevice\":\"garage\"}");
            await().until(() -> !client.of("error").isEmpty());
            assertThat(client.of("error").get(0).get("field").asText()).isEqualTo("virtualDevice");
            assertThat(client.of("error").get(0).get("status").asInt()).isEqualTo(404);
        }
    }

    private static void pushDevices(String gateway, String device) throws Exception {
        assertThat(http.post("/api/v1/gateways/" + gateway + "/devices", "{\"gateway\":\"" + gateway
                + "\",\"devices\":[" + device + "]}").status()).isEqualTo(202);
    }

    private static long sockets() throws Exception {
        return PrometheusText.parse(http.get("/metrics").text()).get("homegrid_live_sockets").longValue();
    }

    private static long stored() throws Exception {
        return PrometheusText.parse(http.get("/metrics").text()).get("homegrid_readings_stored_total").longValue();
    }

    private static LiveClient subscribed(String token, String subscribe) throws Exception {
        LiveClient client = LiveClient.connect(http);
        client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        await().until(() -> !client.of("welcome").isEmpty());
        client.send(subscribe);
        await().until(() -> !client.of("subscribed").isEmpty());
        return client;
    }

    private static void push(String gateway, String... readings) throws Exception {
        assertThat(http.post("/api/v1/gateways/" + gateway + "/readings", batch(gateway, readings)).status()).isEqualTo(202);
    }
}
