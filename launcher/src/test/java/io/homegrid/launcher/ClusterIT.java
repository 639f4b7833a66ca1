package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.launcher.cluster.Cluster;
import io.homegrid.launcher.cluster.ClusterSettings;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;

/**
 * Issue 18: three backend instances (processes of their own) on one broker and one PostgreSQL,
 * behind HAProxy, under pushes from 50 gateways through the entry. One instance is killed with
 * SIGKILL and another stopped cleanly while they push, then the serving broker is killed and its
 * standby takes over; the gateways retry what was not answered, as a gateway does. Every reading
 * answered 202 is stored exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    private static final int GATEWAYS = 50;
    private static final int READINGS_A_PUSH = 10;

    @TempDir
    static Path dir;
    private Cluster cluster;
    private HttpClient client;
    private String admin;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @BeforeAll
    void aClusterOfThree() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/haproxy")),
                "HAProxy is not installed (apt-get install haproxy; .ci/run does)");
        cluster = Cluster.start(new ClusterSettings(3, FreePorts.next(), dir));
        client = HttpClient.newBuilder().sslContext(PinnedCertificate.context(cluster.tls().fingerprint()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        admin = "Basic " + Base64.getEncoder().encodeToString(("admin:"
                + Files.readString(dir.resolve("instance-1/admin.password")).strip()).getBytes(StandardCharsets.UTF_8));
        String household = send("POST", "/api/v1/households", admin, "{\"name\":\"Cluster\",\"timeZone\":\"UTC\"}")
                .json().get("id").asText();
        for (int i = 0; i < GATEWAYS; i++) {
            String gateway = "gw-c" + i;
            secrets.put(gateway, send("POST", "/api/v1/households/" + household + "/gateways", admin,
                    "{\"gateway\":\"" + gateway + "\"}").json().get("secret").asText());
            assertThat(send("POST", "/api/v1/gateways/" + gateway + "/devices", basic(gateway), "{\"devices\":[{\"device\":\""
                    + gateway + "-plug\",\"type\":\"smart-plug\",\"sensors\":[{\"sensor\":\"power\",\"unit\":\"W\"}],"
                    + "\"relay\":true,\"state\":\"joined\"}]}").status()).isEqualTo(202);
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledAndAStoppedInstanceLoseNoReadingAnsweredAccepted() throws Exception {
        Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
        AtomicLong retries = new AtomicLong();
        AtomicInteger pushes = new AtomicInteger();
        CountDownLatch killed = new CountDownLatch(1);
        CountDownLatch brokerKilled = new CountDownLatch(1);
        ExecutorService gateways = Executors.newFixedThreadPool(GATEWAYS); // a thread each: half of them wait for the kill
        Instant start = Instant.now().minusSeconds(600);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            String gateway = "gw-c" + g;
            running.add(gateways.submit(() -> {
                String basic = basic(gateway);
                for (int push = 0; push < 30; push++) {
                    if (push == 15) {
                        killed.await();
                    }
                    if (push == 25) {
                        brokerKilled.await();
                    }
                    List<String> readings = new ArrayList<>();
                    for (int r = 0; r < READINGS_A_PUSH; r++) {
                        long seq = push * READINGS_A_PUSH + r + 1L;
                        readings.add(reading(gateway + "-plug", "power", String.valueOf(seq), "W", start.plusSeconds(seq), seq));
                    }
                    String body = batch(gateway, readings.toArray(String[]::new));
                    // as a gateway does: the same batch again until it is answered 202
                    await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                            .until(() -> {
                                try {
                                    if (send("POST", "/api/v1/gateways/" + gateway + "/readings", basic, body)
                                            .status() == 202) {
                                        return true;
                                    }
                                } catch (java.io.IOException e) {
                                    // the instance went away mid-request
                                }
                                retries.incrementAndGet();
                                return false;
                            });
                    Set<Long> mine = accepted.computeIfAbsent(gateway, k -> ConcurrentHashMap.newKeySet());
                    for (int r = 0; r < READINGS_A_PUSH; r++) {
                        mine.add(push * READINGS_A_PUSH + r + 1L);
                    }
                    pushes.incrementAndGet();
                }
                return null;
            }));
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> pushes.get() >= GATEWAYS * 10);
        cluster.instances().get(0).kill();
        killed.countDown();
        await().atMost(Duration.ofMinutes(3)).until(() -> pushes.get() >= GATEWAYS * 20);
        // 128 + 15: the JVM ends so after SIGTERM, once its shutdown hook has stopped the instance
        assertThat(cluster.instances().get(1).stop()).as("a clean stop").isEqualTo(143);
        await().atMost(Duration.ofMinutes(3)).until(() -> pushes.get() >= GATEWAYS * 25);
        cluster.brokers().get(0).kill();
        brokerKilled.countDown();
        for (var gateway : running) {
            gateway.get(5, TimeUnit.MINUTES);
        }
        gateways.shutdown();
        assertThat(cluster.brokers().get(1).awaitReady(60).alive()).as("the standby broker took over").isTrue();

        org.slf4j.LoggerFactory.getLogger(ClusterIT.class).info("{} pushes answered 202 through the entry, {} sent again"
                + " after an instance went away", pushes.get(), retries.get());
        assertThat(accepted.values().stream().mapToInt(Set::size).sum()).isEqualTo(GATEWAYS * 30 * READINGS_A_PUSH);
        for (int g = 0; g < GATEWAYS; g++) {
            String gateway = "gw-c" + g;
            String readings = "/api/v1/devices/" + gateway + "-plug/readings?sensor=power&limit=10000&from="
                    + start.minusSeconds(1) + "&to=" + start.plusSeconds(1_000);
            JsonNode stored = await().atMost(Duration.ofMinutes(2)).until(() -> send("GET", readings, admin, null).json(),
                    json -> json.path("readings").size() >= accepted.get(gateway).size());
            List<String> seqs = stored.path("readings").findValuesAsText("seq");
            assertThat(seqs).as(gateway + ": once each (retries: " + retries.get() + ")")
                    .doesNotHaveDuplicates().hasSize(accepted.get(gateway).size());
        }
    }

    private String basic(String gateway) {
        return "Basic " + Base64.getEncoder().encodeToString((gateway + ":" + secrets.get(gateway))
                .getBytes(StandardCharsets.UTF_8));
    }

    private record Answer(int status, String body) {
        JsonNode json() throws java.io.IOException {
            return Json.mapper().readTree(body);
        }
    }

    private Answer send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.entryUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
