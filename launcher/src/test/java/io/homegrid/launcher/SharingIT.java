package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;
import io.homegrid.sharing.SharingSettings;

/**
 * Issue 14, data sharing: a registered service's webhook (a real HTTP server in the test) gets
 * exactly what the household granted its application, signed; nothing after the grant is revoked;
 * and, down for a minute, everything after it returns, each item once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingIT {

    private static final String SERVICE = "energy-service";
    private static final String SHARED = "gw-shared";
    private static final String PRIVATE = "gw-private";

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static Http admin;
    private static WebhookReceiver receiver;
    private static String household;
    private static byte[] key;
    private static final AtomicLong SEQ = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        // Retries at most 2 s apart, so that the test sees the receiver's return quickly; plain
        // HTTP to the test's own receiver on loopback.
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir).withSharing(
                new SharingSettings(Duration.ofSeconds(2), 100, Duration.ofMillis(200), true)));
        http = Http.to(backend, port);
        AccessFixture fixture = AccessFixture.around(backend.access());
        household = fixture.household("shared").id();
        fixture.gatewaySecret(SHARED, household);
        fixture.gatewaySecret(PRIVATE, fixture.household("private").id());
        admin = http.as(fixture.person("sharer", Role.HOUSEHOLD_ADMIN, household));
        backend.access().access().directory().registerApplication(SERVICE, "An energy service");
        receiver = new WebhookReceiver(FreePorts.next());
        receiver.start();

        Http.Answer registered = http.put("/api/v1/applications/" + SERVICE + "/webhook",
                "{\"url\":\"" + receiver.url() + "\"}");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().get("url").asText()).isEqualTo(receiver.url());
        key = Base64.getDecoder().decode(registered.json().get("signingKey").asText());
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        backend.close();
    }

    @Test
    @Order(1)
    void theServiceGetsExactlyWhatTheHouseholdGrantedSigned() throws Exception {
        grant("plug-1");
        long other = SEQ.incrementAndGet();
        push(PRIVATE, power("private-plug", 10, other, 1));
        long granted = SEQ.incrementAndGet();
        long otherSensor = SEQ.incrementAndGet();
        long otherDevice = SEQ.incrementAndGet();
        push(SHARED, power("plug-1", 87.5, granted, 1), reading("plug-1", "temperature", "21.5", "°C",
                Instant.now().minusSeconds(1), otherSensor), power("plug-2", 40, otherDevice, 1));

        await().untilAsserted(() -> assertThat(keys()).contains("reading:" + SHARED + ":" + granted));
        awaitShared();
        assertThat(keys()).containsExactly("reading:" + SHARED + ":" + granted);
        JsonNode item = items().get(0);
        assertThat(item.get("kind").asText()).isEqualTo("reading");
        assertThat(item.get("household").asText()).isEqualTo(household);
        assertThat(item.at("/data/device").asText()).isEqualTo("plug-1");
        assertThat(item.at("/data/value").asDouble()).isEqualTo(87.5);
        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            assertThat(delivery.signature()).isEqualTo(sign(delivery.timestamp(), delivery.body()));
            assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(120L));
        }
        JsonNode shared = admin.get("/api/v1/households/" + household + "/sharing").json().get("services");
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).get("application").asText()).isEqualTo(SERVICE);
        assertThat(shared.get(0).get("delivered").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void afterItsGrantIsRevokedNothingMoreOfThatDeviceIsSent() throws Exception {
        JsonNode grants = admin.get("/api/v1/households/" + household + "/grants").json().get("grants");
        for (JsonNode grant : grants) {
            assertThat(admin.delete("/api/v1/households/" + household + "/grants/" + grant.get("id").asText()).status())
                    .isEqualTo(204);
        }
        grant("plug-2");
        long revoked = SEQ.incrementAndGet();
        long stillGranted = SEQ.incrementAndGet();
        push(SHARED, power("plug-1", 90, revoked, 1), power("plug-2", 41, stillGranted, 1));

        // the same batch: once plug-2's reading arrived, plug-1's was judged
        await().untilAsserted(() -> assertThat(keys()).contains("reading:" + SHARED + ":" + stillGranted));
        awaitShared();
        assertThat(keys()).doesNotContain("reading:" + SHARED + ":" + revoked);
    }

    @Test
    @Order(3)
    void aReceiverDownForAMinuteGetsEverythingAfterItReturnsEachItemOnce() throws Exception {
        int before = keys().size();
        receiver.stop();
        Instant down = Instant.now();
        List<String> expected = new ArrayList<>();
        // a reading every 5 s while the receiver is down, for a minute
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            long seq = SEQ.incrementAndGet();
            push(SHARED, power("plug-2", 50 + seq, seq, 1));
            expected.add("reading:" + SHARED + ":" + seq);
            return Duration.between(down, Instant.now()).compareTo(Duration.ofMinutes(1)) >= 0;
        });
        JsonNode failing = http.get("/api/v1/applications/" + SERVICE + "/webhook").json();
        assertThat(failing.get("pending").asLong()).isPositive();
        assertThat(failing.has("failingSince")).isTrue();
        assertThat(failing.get("lastError").asText()).isNotBlank();
        JsonNode seenByAdmin = admin.get("/api/v1/households/" + household + "/sharing").json().at("/services/0");
        assertThat(seenByAdmin.get("pending").asLong()).isPositive();
        assertThat(seenByAdmin.get("lastError").asText()).isNotBlank();

        receiver.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(keys()).containsAll(expected));
        awaitShared();
        List<String> after = keys().subList(before, keys().size());
        assertThat(after).as("each item once, in the order they came").containsExactlyElementsOf(expected);
        JsonNode recovered = http.get("/api/v1/applications/" + SERVICE + "/webhook").json();
        assertThat(recovered.get("pending").asLong()).isZero();
        assertThat(recovered.has("failingSince")).isFalse();
    }

    private static void grant(String device) throws Exception {
        assertThat(admin.post("/api/v1/households/" + household + "/grants", "{\"application\":\"" + SERVICE
                + "\",\"scopes\":[\"readings:read\"],\"devices\":[\"" + device + "\"],\"sensors\":[\"power\"]}").status())
                .isEqualTo(201);
    }

    private static void push(String gateway, String... readings) throws Exception {
        assertThat(http.post("/api/v1/gateways/" + gateway + "/readings", batch(gateway, readings)).status()).isEqualTo(202);
    }

    /** The sharing service has taken every readings message there is (its queue is empty) and delivered what it kept. */
    private static void awaitShared() {
        await().untilAsserted(() -> {
            Map<String, Double> metrics = PrometheusText.parse(http.get("/metrics").text());
            String queue = "{destination=\"consumer.sharing.readings.parsed\",type=\"queue\"}";
            assertThat(metrics.get("homegrid_destination_messages" + queue)).isZero();
            assertThat(metrics.get("homegrid_destination_dequeued_total" + queue))
                    .isEqualTo(metrics.get("homegrid_destination_enqueued_total" + queue));
            assertThat(http.get("/api/v1/applications/" + SERVICE + "/webhook").json().get("pending").asLong()).isZero();
        });
    }

    private static List<JsonNode> items() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            Json.mapper().readTree(delivery.body()).get("deliveries").forEach(items::add);
        }
        return items;
    }

    private static List<String> keys() throws Exception {
        return items().stream().map(item -> item.get("key").asText()).toList();
    }

    /** The signature as the receiver computes it, with the JDK's HMAC and the key it was given. */
    private static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
