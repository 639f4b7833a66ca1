package io.homegrid.launcher.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;

/**
 * End to end, push to live channel: {@code ./homegrid backend} as the README starts it, the paper's
 * 750 plugs (50 gateways × 15 plugs, power and current) pushed every 2 s, one statement passing
 * every power reading through, and a Server-Sent Events client on {@code /api/v1/live}. The latency
 * of an output is its arrival at the client minus its reading's timestamp, taken just before the
 * push: HTTP push, broker, parser, CEP with its lateness bound, {@code cep.out}, SSE.
 *
 * <p>Runs the backend twice, with the default lateness (5 s) and with none, so the two are compared
 * in one run. Run: {@code mvn -B -pl launcher -am -Pbench -DskipTests verify
 * -Dbench.main=io.homegrid.launcher.bench.LiveLatencyBenchmark} (options: -Dbench.seconds=90,
 * -Dbench.gateways=50, -Dbench.plugs=15, -Dbench.lateness=5,0).
 */
public final class LiveLatencyBenchmark {

    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final Duration WARM_UP = Duration.ofSeconds(20);

    private final HttpClient http;
    private final String base;
    private final String operator;
    private final String[] gatewayAuth;
    private final int gateways;
    private final int plugs;

    private LiveLatencyBenchmark(BenchBackend backend, int gateways, int plugs) throws Exception {
        this.http = backend.http();
        this.base = backend.base();
        this.operator = backend.operator();
        this.gateways = gateways;
        this.plugs = plugs;
        this.gatewayAuth = new String[gateways];
        for (int g = 0; g < gateways; g++) {
            gatewayAuth[g] = backend.registerGateway("gw-" + g);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 90);
        int gateways = Integer.getInteger("bench.gateways", 50);
        int plugs = Integer.getInteger("bench.plugs", 15);
        String[] latenesses = System.getProperty("bench.lateness", "5,0").split(",");
        Path repo = Path.of(System.getProperty("bench.repo", "..")).toAbsolutePath().normalize();
        List<String> rows = new ArrayList<>();
        for (String lateness : latenesses) {
            rows.add(run(repo, Integer.parseInt(lateness.trim()), seconds, gateways, plugs));
        }
        System.out.println();
        System.out.printf("./homegrid backend, %d gateways x %d plugs every %d s (%d readings/s), %d s measured after %d s warm-up, "
                + "%d cores shared by pushers, SSE client and backend%n", gateways, plugs, PERIOD.toSeconds(),
                gateways * plugs * 2 / PERIOD.toSeconds(), seconds, WARM_UP.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| --cep-lateness | outputs received | missing | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(Path repo, int lateness, int seconds, int gateways, int plugs) throws Exception {
        int port = FreePorts.next();
        Path dataDir = Files.createTempDirectory("homegrid-live-bench");
        Path log = Files.createTempFile("homegrid-live-bench-backend", ".log");
        Process backend = new ProcessBuilder(repo.resolve("homegrid").toString(), "backend", "--port",
                Integer.toString(port), "--data-dir", dataDir.toString(), "--cep-lateness", Integer.toString(lateness))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            LiveLatencyBenchmark bench = new LiveLatencyBenchmark(BenchBackend.await(backend, port, dataDir, true), gateways,
                    plugs);
            System.out.printf("lateness %d s: backend pid %d, log %s%n", lateness, backend.pid(), log);
            return bench.measure(lateness, seconds);
        } finally {
            backend.destroy();
            backend.waitFor();
        }
    }

    private String measure(int lateness, int seconds) throws Exception {
        post("/api/v1/cep/statements", operator,
                "{\"name\":\"bench-live\",\"epl\":\"select gateway, device, value from PowerReading\"}", 201);
        Live live = new Live();
        live.open();
        ScheduledExecutorService pushers = Executors.newScheduledThreadPool(8);
        AtomicLongArray seqs = new AtomicLongArray(gateways);
        AtomicLong pushed = new AtomicLong();
        long measureFrom = System.currentTimeMillis() + WARM_UP.toMillis();
        long measureTo = measureFrom + seconds * 1000L;
        for (int g = 0; g < gateways; g++) {
            int gateway = g;
            // gateways spread over the period, as real ones are
            pushers.scheduleAtFixedRate(() -> {
                try {
                    Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    if (time.toEpochMilli() < measureTo) {
                        post("/api/v1/gateways/gw-" + gateway + "/readings", gatewayAuth[gateway], body(gateway, time, seqs), 202);
                        if (time.toEpochMilli() >= measureFrom) {
                            pushed.addAndGet(plugs);
                        }
                    }
                } catch (Exception e) {
                    System.err.println("push failed: " + e);
                }
            }, PERIOD.toMillis() * g / gateways, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
        live.collect(measureFrom, measureTo, Duration.ofSeconds(lateness + 15));
        pushers.shutdownNow();
        pushers.awaitTermination(10, TimeUnit.SECONDS);
        live.close();
        long[] latencies = live.latencies();
        Arrays.sort(latencies);
        int n = latencies.length;
        return String.format(Locale.ROOT, "| %d s | %d | %d | %d | %d | %d | %d |", lateness, n, Math.max(0, pushed.get() - n),
                at(latencies, 0.50), at(latencies, 0.90), at(latencies, 0.99), n == 0 ? -1 : latencies[n - 1]);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    private String body(int gateway, Instant time, AtomicLongArray seqs) {
        StringBuilder body = new StringBuilder(plugs * 2 * 120).append("{\"readings\":[");
        for (int p = 0; p < plugs; p++) {
            double watts = 40 + p * 10 + (time.getEpochSecond() % 5);
            body.append(p == 0 ? "" : ",");
            reading(body, gateway, p, "power", watts, time, seqs.incrementAndGet(gateway)).append(',');
            reading(body, gateway, p, "current", watts / 230, time, seqs.incrementAndGet(gateway));
        }
        return body.append("]}").toString();
    }

    private static StringBuilder reading(StringBuilder body, int gateway, int plug, String sensor, double value, Instant time,
            long seq) {
        return body.append("{\"device\":\"gw-").append(gateway).append("-plug-").append(plug).append("\",\"sensor\":\"")
                .append(sensor).append("\",\"value\":").append(String.format(Locale.ROOT, "%.3f", value))
                .append(",\"time\":\"").append(time).append("\",\"seq\":").append(seq).append('}');
    }

    private void post(String path, String authorization, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", authorization).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The SSE client: reads {@code data:} lines of the bench statement and keeps their latency. */
    private final class Live implements AutoCloseable {

        private final List<Long> latencies = new ArrayList<>();
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile InputStream stream;
        private Thread reader;
        private volatile long from;
        private volatile long to = Long.MAX_VALUE;

        void open() throws Exception {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/live"))
                    .header("Authorization", operator).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            stream = response.body();
            reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
            if (!opened.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the live channel sent nothing");
            }
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    opened.countDown();
                    if (line.startsWith("data:") && line.contains("\"bench-live\"")) {
                        long arrived = System.currentTimeMillis();
                        JsonNode output = Json.mapper().readTree(line.substring(5));
                        long time = Instant.parse(output.get("time").asText()).toEpochMilli();
                        if (time >= from && time < to) {
                            synchronized (latencies) {
                                latencies.add(arrived - time);
                            }
                        }
                    }
                }
            } catch (java.io.IOException closed) {
                // the run is over
            }
        }

        /** Keeps outputs of readings stamped in [from, to), and waits for the last of them a while. */
        void collect(long from, long to, Duration drain) throws InterruptedException {
            this.from = from;
            this.to = to;
            long until = to + drain.toMillis();
            long wait;
            while ((wait = until - System.currentTimeMillis()) > 0) {
                TimeUnit.MILLISECONDS.sleep(Math.min(wait, 1_000));
            }
        }

        long[] latencies() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }
        }

        @Override
        public void close() throws Exception {
            stream.close();
        }
    }
}
