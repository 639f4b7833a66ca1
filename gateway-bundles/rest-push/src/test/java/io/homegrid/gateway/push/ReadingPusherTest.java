package io.homegrid.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.cache.Retention;
import io.homegrid.gateway.cache.SqliteReadingCache;
import io.homegrid.gateway.devices.DeviceList;
import io.homegrid.model.SensorKind;
import io.homegrid.model.json.Json;

/**
 * The pusher against a recording HTTP endpoint standing in for the backend's push interface
 * (the real backend is exercised end to end in the launcher's GatewayEndToEndIT).
 */
class ReadingPusherTest {

    /** Every request's Authorization header, as the backend received it. */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<JsonNode> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    /** Answers 503 with this Retry-After to so many readings pushes before the status above applies. */
    private final AtomicInteger busyAnswers = new AtomicInteger();
    private volatile String retryAfter = "3";
    private final List<Long> readingsPushedAt = new CopyOnWriteArrayList<>();
    private SqliteReadingCache cache;
    private ReadingPusher pusher;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int answer = status.get();
            if (exchange.getRequestURI().getPath().endsWith("/readings")) {
                readingsPushedAt.add(System.nanoTime());
                if (busyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer = 503;
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                }
            }
            if (answer == 202 && exchange.getRequestURI().getPath().endsWith("/readings")) {
                batches.add(Json.mapper().readTree(body));
            }
            byte[] response = "{\"accepted\":1,\"rejected\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
        cache = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (pusher != null) {
            pusher.close();
        }
        server.stop(0);
        cache.close();
    }

    @Test
    void liveReadingsGoFirstAndTheBacklogFollowsOldestFirstAtItsPace() throws Exception {
        Instant now = Instant.now();
        List<Measurement> backlog = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            backlog.add(new Measurement("plug", SensorKind.POWER, i, now.minus(Duration.ofMinutes(30)).plusSeconds(i)));
        }
        cache.append(backlog);
        cache.append(List.of(new Measurement("plug", SensorKind.POWER, 5_000, now)));

        pusher = start(200);

        await().until(() -> cache.size() == 0);
        JsonNode first = batches.get(0).get("readings");
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("value").asDouble()).isEqualTo(5_000);
        assertThat(batches.get(1).get("readings").get(0).get("value").asDouble()).isZero();
        assertThat(batches.stream().skip(1).mapToInt(b -> b.get("readings").size()).max().orElseThrow())
                .as("no backlog slice larger than a batch").isLessThanOrEqualTo(100);
    }

    @Test
    void keepsEverythingWhileTheBackendIsDownAndDeliversItAfterwards() throws Exception {
        status.set(503);
        cache.append(List.of(new Measurement("plug", SensorKind.POWER, 1, Instant.now())));
        pusher = start(1_000);

        await().until(() -> !pusher.reachable());
        assertThat(cache.size()).isEqualTo(1);

        status.set(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.size() == 0);
        assertThat(batches).hasSize(1);
    }

    /** Issue 13: a backend that is behind answers 503 with Retry-After; the gateway keeps its readings and waits that long. */
    @Test
    void aBusyBackendsRetryAfterIsHonouredAndTheReadingsDeliveredOnceAfterwards() throws Exception {
        busyAnswers.set(1);
        cache.append(List.of(new Measurement("plug", SensorKind.POWER, 1, Instant.now())));
        pusher = start(1_000);

        await().atMost(Duration.ofSeconds(15)).until(() -> cache.size() == 0);

        assertThat(pusher.busyAnswers()).isEqualTo(1);
        assertThat(pusher.reachable()).isTrue();
        assertThat(batches).hasSize(1);
        assertThat(readingsPushedAt).hasSize(2);
        // without Retry-After the first retry comes after one second
        assertThat(Duration.ofNanos(readingsPushedAt.get(1) - readingsPushedAt.get(0))).isGreaterThan(Duration.ofMillis(2_900));
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertThat(BackendClient.retryAfter(response("7"))).contains(Duration.ofSeconds(7));
        assertThat(BackendClient.retryAfter(response(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30))))).hasValueSatisfying(
                        wait -> assertThat(wait).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
        assertThat(BackendClient.retryAfter(response("soon"))).isEmpty();
    }

    private static java.net.http.HttpResponse<String> response(String retryAfter) {
        java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(java.util.Map.of("Retry-After", List.of(retryAfter)),
                (a, b) -> true);
        return (java.net.http.HttpResponse<String>) java.lang.reflect.Proxy.newProxyInstance(
                ReadingPusherTest.class.getClassLoader(), new Class<?>[] {java.net.http.HttpResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("headers")) {
                        return headers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void everyPushCarriesTheGatewaysIdAndSecretAsBasicCredentials() throws Exception {
        cache.append(List.of(new Measurement("plug", SensorKind.POWER, 1, Instant.now())));
        pusher = start(1_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> cache.size() == 0);
        assertThat(authorizations).isNotEmpty().allMatch(("Basic " + java.util.Base64.getEncoder()
                .encodeToString("gw-test:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))::equals);
    }

    private ReadingPusher start(int backlogRate) throws IOException {
        URI backend = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ReadingPusher started = new ReadingPusher(new BackendClient(backend, "gw-test", "s3cret", null), cache,
                new DeviceList(Duration.ofMinutes(1), Clock.systemUTC()),
                PushSettings.of(backend, "gw-test").withBatchSize(100).withBacklogRate(backlogRate)
                        .withInterval(Duration.ofMillis(100)), Clock.systemUTC());
        started.start();
        return started;
    }
}
