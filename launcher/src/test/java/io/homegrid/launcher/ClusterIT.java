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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

import io.homegrid.cep.CepEngine;
import io.homegrid.cep.CepSettings;
import io.homegrid.cep.StatementStore;
import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.launcher.cluster.Cluster;
import io.homegrid.launcher.cluster.ClusterSettings;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.CepOutput;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
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
    /** Pushes per gateway; instance 1 is killed before push KILL_AT, 2 stopped at STOP_AT, the broker killed before BROKER_KILL_AT. */
    private static final int PUSHES = 40;
    private static final int KILL_AT = 20;
    private static final int STOP_AT = 28;
    private static final int BROKER_KILL_AT = 34;
    private static final Set<String> MINUTE_STATEMENTS = Set.of("device-power-1m", "household-power-1m");

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
    void stop() throws java.io.IOException {
        if (cluster != null) {
            cluster.close();
        }
        // the processes' logs outlive the temporary folder, for a failure in CI to be read
        Path kept = Files.createDirectories(Path.of("target", "cluster-it-logs"));
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void aKilledAndAStoppedInstanceLoseNoReadingAnsweredAcceptedAndLeaveTheMinutesExact() throws Exception {
        Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
        AtomicLong retries = new AtomicLong();
        AtomicInteger pushes = new AtomicInteger();
        CountDownLatch killed = new CountDownLatch(1);
        CountDownLatch brokerKilled = new CountDownLatch(1);
        ExecutorService gateways = Executors.newFixedThreadPool(GATEWAYS); // a thread each: they wait for the kills
        // history, as a gateway emptying its cache pushes: its household's time moves on its readings, through the
        // pauses of the kills, and follows the wall clock past its last minute two minutes after the pushes end
        Instant start = Instant.now().minusSeconds(1_200).truncatedTo(ChronoUnit.SECONDS);
        Set<String> liveMinutes = ConcurrentHashMap.newKeySet();
        CompletableFuture<?> live = live(cluster.instanceUrl(2), liveMinutes);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            String gateway = "gw-c" + g;
            running.add(gateways.submit(() -> {
                String basic = basic(gateway);
                for (int push = 0; push < PUSHES; push++) {
                    if (push == KILL_AT) {
                        killed.await();
                    }
                    if (push == BROKER_KILL_AT) {
                        brokerKilled.await();
                    }
                    String body = batch(gateway, pushed(gateway, start, push).stream().map(ClusterIT::json)
                            .toArray(String[]::new));
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
                    pushed(gateway, start, push).forEach(reading -> mine.add(reading.seq()));
                    pushes.incrementAndGet();
                }
                return null;
            }));
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> pushes.get() >= GATEWAYS * KILL_AT);
        // every household's first two minutes are out, whichever instance computed them, before one dies
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(liveMinutes)
                .as("household minutes on the live stream of instance 3").hasSizeGreaterThanOrEqualTo(GATEWAYS * 2));
        Set<String> computedByOne = computedBy(1);
        Set<String> computedByTwo = computedBy(2);
        Set<String> liveBeforeKill = Set.copyOf(liveMinutes);
        cluster.instances().get(0).kill();
        killed.countDown();
        await().atMost(Duration.ofMinutes(3)).until(() -> pushes.get() >= GATEWAYS * STOP_AT);
        // 128 + 15: the JVM ends so after SIGTERM, once its shutdown hook has stopped the instance
        assertThat(cluster.instances().get(1).stop()).as("a clean stop").isEqualTo(143);
        await().atMost(Duration.ofMinutes(3)).until(() -> pushes.get() >= GATEWAYS * BROKER_KILL_AT);
        cluster.brokers().get(0).kill();
        brokerKilled.countDown();
        for (var gateway : running) {
            gateway.get(5, TimeUnit.MINUTES);
        }
        gateways.shutdown();
        assertThat(cluster.brokers().get(1).awaitReady(60).alive()).as("the standby broker took over").isTrue();

        org.slf4j.LoggerFactory.getLogger(ClusterIT.class).info("{} pushes answered 202 through the entry, {} sent again"
                + " after an instance went away; CEP of instance 1 had {} household(s), of instance 2 {}", pushes.get(),
                retries.get(), computedByOne.size(), computedByTwo.size());
        assertThat(accepted.values().stream().mapToInt(Set::size).sum()).isEqualTo(GATEWAYS * PUSHES * READINGS_A_PUSH);
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

        Map<String, List<String>> single = singleInstanceMinutes(start);
        for (int g = 0; g < GATEWAYS; g++) {
            String gateway = "gw-c" + g;
            String aggregates = "/api/v1/gateways/" + gateway + "/aggregates?from=" + start.minusSeconds(120) + "&to="
                    + start.plusSeconds(1_200);
            await().atMost(Duration.ofMinutes(4)).untilAsserted(() -> assertThat(minutes(send("GET", aggregates, admin,
                    null).json().path("aggregates"))).as(gateway + ": the minutes of one instance over the same readings")
                    .containsExactlyInAnyOrderElementsOf(single.get(gateway)));
        }
        assertThat(deadLetters()).as("messages the broker gave up on (a failover's redeliveries poison-acked by the"
                + " client's duplicate audit end there)").isEmpty();
        assertThat(computedByOne).as("households instance 1 computed before it was killed").isNotEmpty();
        assertThat(computedByTwo).as("households instance 2 computed").isNotEmpty();
        Set<String> liveGateways = liveBeforeKill.stream().map(minute -> minute.split("\\|")[0])
                .collect(java.util.stream.Collectors.toSet());
        assertThat(liveGateways).as("the live client of instance 3 got the minutes of households computed by 1 and 2")
                .containsAll(computedByOne).containsAll(computedByTwo);
        live.cancel(true);
    }

    /** One push of a gateway: its plug's power, the reading's seq as its value, a second apart. */
    private static List<io.homegrid.model.Reading> pushed(String gateway, Instant start, int push) {
        List<io.homegrid.model.Reading> readings = new ArrayList<>();
        for (int r = 0; r < READINGS_A_PUSH; r++) {
            long seq = push * READINGS_A_PUSH + r + 1L;
            readings.add(new io.homegrid.model.Reading(gateway + "-plug", SensorKind.POWER, seq, "W",
                    start.plusSeconds(seq), seq));
        }
        return readings;
    }

    private static String json(io.homegrid.model.Reading reading) {
        return reading(reading.device(), "power", String.valueOf((long) reading.value()), "W", reading.time(),
                reading.seq());
    }

    /** The same readings, in the same pushes, through one CEP engine: each gateway's minute aggregates. */
    private static Map<String, List<String>> singleInstanceMinutes(Instant start) {
        List<CepOutput> outputs = new CopyOnWriteArrayList<>();
        StatementStore none = new StatementStore() {
            @Override
            public Map<String, Stored> load() {
                return Map.of();
            }

            @Override
            public void save(String name, String epl, String household) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(String name) {
                throw new UnsupportedOperationException();
            }
        };
        try (CepEngine engine = new CepEngine(CepSettings.DEFAULT, outputs::add, none, Clock.systemUTC())) {
            engine.start();
            for (int push = 0; push < PUSHES; push++) {
                for (int g = 0; g < GATEWAYS; g++) {
                    engine.accept(new ReadingBatch("gw-c" + g, pushed("gw-c" + g, start, push)));
                }
            }
            engine.advanceTo(start.plus(Duration.ofHours(1)));
        }
        Map<String, List<String>> minutes = new java.util.HashMap<>();
        for (CepOutput output : outputs) {
            if (MINUTE_STATEMENTS.contains(output.statement())) {
                minutes.computeIfAbsent(output.gateway(), g -> new ArrayList<>()).add(minute(output.statement(),
                        output.device(), output.values().get("minuteStart"), ((Number) output.values().get("watts"))
                                .doubleValue(), ((Number) output.values().get("samples")).longValue()));
            }
        }
        return minutes;
    }

    private static List<String> minutes(JsonNode aggregates) {
        List<String> minutes = new ArrayList<>();
        for (JsonNode output : aggregates) {
            if (MINUTE_STATEMENTS.contains(output.path("statement").asText())) {
                minutes.add(minute(output.path("statement").asText(), output.hasNonNull("device")
                        ? output.get("device").asText() : null, output.at("/values/minuteStart").asText(),
                        output.at("/values/watts").asDouble(), output.at("/values/samples").asLong()));
            }
        }
        return minutes;
    }

    private static String minute(String statement, String device, Object minuteStart, double watts, long samples) {
        return String.format(Locale.ROOT, "%s %s %s %.6f W from %d", statement, device, minuteStart, watts, samples);
    }

    /** What the serving broker holds in its dead-letter queue, as "why it went there: message id". */
    private List<String> deadLetters() throws Exception {
        SharedBroker broker = cluster.broker();
        var factory = io.homegrid.bus.BusConnections.plain(broker.url(), broker.services());
        List<String> dead = new ArrayList<>();
        try (javax.jms.Connection connection = factory.createConnection();
                javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                javax.jms.QueueBrowser browser = session.createBrowser(session.createQueue("ActiveMQ.DLQ"))) {
            connection.start();
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                javax.jms.Message message = (javax.jms.Message) messages.nextElement();
                dead.add(message.getStringProperty("dlqDeliveryFailureCause") + ": " + message.getJMSMessageID());
            }
        }
        return dead;
    }

    /** The gateways whose CEP runtime an instance started, from its log. */
    private static Set<String> computedBy(int instance) throws java.io.IOException {
        Set<String> gateways = new java.util.HashSet<>();
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("\\[(gw-c\\d+)\\] CEP runtime started")
                .matcher(Files.readString(dir.resolve("instance-" + instance + ".log")));
        while (started.find()) {
            gateways.add(started.group(1));
        }
        return gateways;
    }

    /** An operator's live stream of one instance: each household minute it carries, as "gateway|minuteStart". */
    private CompletableFuture<?> live(String instance, Set<String> minutes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance + "/api/v1/live"))
                .header("Authorization", admin).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                try {
                    JsonNode output = Json.mapper().readTree(line.substring(5));
                    if ("household-power-1m".equals(output.path("statement").asText())) {
                        minutes.add(output.path("gateway").asText() + "|" + output.at("/values/minuteStart").asText());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        });
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
