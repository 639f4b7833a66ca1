package io.homegrid.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.homegrid.model.json.Json;

/**
 * Push benchmark through {@code ./homegrid backend}: starts the backend as the README does, pushes
 * N readings as single-reading requests and then as batches, and reports accepted/s, stored/s
 * (until the last row is in PostgreSQL), push latency percentiles, heap and RSS.
 *
 * <p>Run: {@code mvn -B -pl launcher -am -Pbench -DskipTests verify} (options as system properties:
 * bench.readings, bench.batch, bench.concurrency, bench.gateways).
 */
public final class PushBenchmark {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final HttpClient http;
    private final String base;
    private final String operatorAuth;
    private final long pid;
    private final int gateways;
    private final AtomicLongArray seqs;
    /** Pushes answered 503 with Retry-After (back-pressure) and sent again after the wait. */
    private final java.util.concurrent.atomic.AtomicLong deferred = new java.util.concurrent.atomic.AtomicLong();
    /** Each gateway's Basic credentials, as the benchmark registered them. */
    private final String[] gatewayAuth;
    private int run;

    private PushBenchmark(BenchBackend backend, long pid, int gateways) throws IOException, InterruptedException {
        this.http = backend.http();
        this.base = backend.base();
        this.operatorAuth = backend.operator();
        this.pid = pid;
        this.gateways = gateways;
        this.seqs = new AtomicLongArray(gateways);
        this.gatewayAuth = new String[gateways];
        for (int g = 0; g < gateways; g++) {
            gatewayAuth[g] = backend.registerGateway("gw-" + g);
        }
    }

    public static void main(String[] args) throws Exception {
        int readings = Integer.getInteger("bench.readings", 100_000);
        int batch = Integer.getInteger("bench.batch", 100);
        int concurrency = Integer.getInteger("bench.concurrency", 32);
        int gateways = Integer.getInteger("bench.gateways", 50);
        String mode = System.getProperty("bench.mode", "backend");
        Path repo = Path.of(System.getProperty("bench.repo", "..")).toAbsolutePath().normalize();
        int port = io.homegrid.launcher.internal.FreePorts.next();
        Path dataDir = Files.createTempDirectory("homegrid-bench");
        Path log = Files.createTempFile("homegrid-bench-backend", ".log");

        // bench.http=true: the same backend, pushed to over its plain loopback port, to tell TLS's cost from the rest
        boolean plain = Boolean.getBoolean("bench.http");
        int httpPort = plain ? io.homegrid.launcher.internal.FreePorts.next() : 0;
        List<String> command = new ArrayList<>(List.of(repo.resolve("homegrid").toString(), mode, "--port",
                Integer.toString(port), "--data-dir", dataDir.toString()));
        if (plain) {
            command.addAll(List.of("--http-port", Integer.toString(httpPort)));
        }
        // bench.backendArgs="--parser-consumers 8": the same benchmark against other backend settings
        String extra = System.getProperty("bench.backendArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        Process backend = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            BenchBackend server = plain ? BenchBackend.awaitPlain(backend, httpPort, dataDir)
                    : BenchBackend.await(backend, port, dataDir, !"karaf".equals(mode));
            PushBenchmark bench = new PushBenchmark(server, serverPid(backend, mode), gateways);
            System.out.printf("backend pid %d, log %s, idle: heap used %.0f MB, RSS %.0f MB%n", backend.pid(), log,
                    bench.heapUsedMb(), bench.rssMb());
            Instant benchStart = Instant.now();
            // bench.warmup: readings pushed in batches first, unmeasured; A/B runs without the singles
            // phase (which warms the JIT up too) need about as many as they measure
            bench.phase("warm-up (not measured)", Integer.getInteger("bench.warmup", Math.min(readings, 10_000)), batch,
                    concurrency);
            List<String> rows = new ArrayList<>();
            // bench.singles=false: batches only, for A/B runs of a lever that are short enough to repeat
            boolean measureSingles = Boolean.parseBoolean(System.getProperty("bench.singles", "true"));
            // bench.warmupSingles: single-reading pushes first, unmeasured. Their path (one request,
            // one tiny batch) compiles other code than batches do; without it the JIT compiles
            // through the whole measured phase and takes most of a core (JFR: 7-8 s a 10 s window).
            int warmupSingles = Integer.getInteger("bench.warmupSingles", Math.min(readings, 20_000));
            if (measureSingles && warmupSingles > 0) {
                bench.phase("warm-up, single-reading requests (not measured)", warmupSingles, 1, concurrency);
            }
            Phase singles = measureSingles ? bench.phase("single-reading requests", readings, 1, concurrency) : null;
            if (singles != null) {
                rows.add(singles.row());
            }
            Phase batched = bench.phase("batches of " + batch, readings, batch, concurrency);
            rows.add(batched.row());
            String databasePassword = "backend".equals(mode) ? Files.readString(dataDir.resolve("postgres.password")).trim() : null;
            String ceiling = "backend".equals(mode) ? ceiling(jdbcUrl(log), databasePassword, readings,
                    batched.storedPerSecond()) : "";
            String authentication = "backend".equals(mode) ? AuthenticationCost.report(jdbcUrl(log), databasePassword,
                    bench.gatewayAuth[0], singles == null ? Double.NaN : singles.acceptedRequestsPerSecond(),
                    batched.acceptedRequestsPerSecond()) : "";
            // bench.httpCeiling=false leaves out the bare HTTPS servers' ceiling for single pushes
            String http = singles != null && Boolean.parseBoolean(System.getProperty("bench.httpCeiling", "true"))
                    ? HttpCeiling.report(readings, concurrency, singles.acceptedRequestsPerSecond()) : "";
            String replay = "backend".equals(mode) && !Boolean.getBoolean("bench.noReplay") ? ReplayThroughput.report(server,
                    jdbcUrl(log), databasePassword, gateways, benchStart, batched.storedPerSecond()) : "";
            System.out.println();
            System.out.printf("./homegrid %s over %s: %d readings per phase, %d client threads, %d gateways, %d cores shared by client and backend%n",
                    mode, server.base(), readings, concurrency, gateways, Runtime.getRuntime().availableProcessors());
            System.out.println("| phase | requests | accepted/s (readings) | stored/s (readings) | p50 ms | p99 ms | max ms | heap used MB | RSS peak MB | backend JVM CPU µs/reading | pushes deferred (503) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.print(ceiling);
            System.out.print(authentication);
            System.out.print(http);
            System.out.print(replay);
        } finally {
            backend.destroy();
            backend.waitFor();
        }
    }

    /** The JVM that serves: the launcher itself, or the Karaf JVM it started for {@code karaf}. */
    private static long serverPid(Process launcher, String mode) {
        if (!"karaf".equals(mode)) {
            return launcher.pid();
        }
        return launcher.descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.apache.karaf.main.Main")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Karaf JVM under the launcher")).pid();
    }

    /**
     * PostgreSQL's own ceilings on the backend's database, after the pushes, and the full path's
     * distance from each; see {@link IngestCeiling}.
     */
    private static String ceiling(String jdbcUrl, String password, int readings, double fullPath) throws Exception {
        IngestCeiling direct = new IngestCeiling(jdbcUrl, password);
        direct.idempotentCopyV1("ceiling-warm-up", Math.min(readings, 10_000), 2);
        direct.clean();
        double idempotent = direct.idempotentCopyV1("ceiling-copy", readings, 2);
        boolean narrow = direct.hasNarrowTable();
        double copy = narrow ? direct.copyNarrow(readings, 2) : Double.NaN;
        double insert = narrow ? direct.batchedInsertNarrow(readings) : Double.NaN;
        direct.clean();
        return String.format(Locale.ROOT, "%nIngest ceilings, same PostgreSQL, same run, %d readings:%n"
                + "| path | stored readings/s | full path / this |%n|---|---|---|%n"
                + "| full backend, batched pushes (push → broker → parser → PostgreSQL) | %.0f | 1.00 |%n"
                + "| idempotent COPY (temp table, INSERT … ON CONFLICT (gateway, seq) DO NOTHING) into v1's layout, 2 connections | %.0f | %.2f |%n"
                + "| COPY into reading_row (v6, no idempotency), 2 connections | %.0f | %.2f |%n"
                + "| JDBC batched INSERT into reading_row, 1,000 rows per transaction, 1 connection | %.0f | %.2f |%n",
                readings, fullPath, idempotent, fullPath / idempotent, copy, fullPath / copy, insert, fullPath / insert);
    }

    /** The JDBC URL the backend printed once ready. */
    private static String jdbcUrl(Path log) throws IOException {
        Matcher m = Pattern.compile("database\\s+(jdbc:postgresql:\\S+)").matcher(Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException("the backend did not print its database in " + log);
        }
        return m.group(1);
    }

    private record Phase(String row, double storedPerSecond, double acceptedRequestsPerSecond) {
    }

    private Phase phase(String name, int readings, int batch, int concurrency) throws Exception {
        int requests = readings / batch;
        long before = storedReadings();
        long cpuBefore = cpuNanos(pid);
        long deferredBefore = deferred.get();
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        String runTag = "r" + (run++);
        RssSampler rss = new RssSampler(pid);
        rss.start();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests;) {
                    int gateway = i % gateways;
                    String body = body(runTag, gateway, batch);
                    long sent = System.nanoTime();
                    push(gateway, body);
                    latencies[i] = System.nanoTime() - sent;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long accepted = System.nanoTime() - start;
        pool.shutdown();
        while (storedReadings() < before + (long) requests * batch) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        long stored = System.nanoTime() - start;
        // The phase's wall-clock window, to cut a profile of the backend (JFR) to one phase
        System.out.printf("phase '%s': %s to %s%n", name, Instant.now().minusNanos(stored), Instant.now());
        double cpuMicrosPerReading = (cpuNanos(pid) - cpuBefore) / 1e3 / ((double) requests * batch);
        rss.stopSampling();
        Arrays.sort(latencies);
        double total = (double) requests * batch;
        return new Phase(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f | %.1f | %d |", name,
                requests, total / (accepted / 1e9), total / (stored / 1e9), ms(latencies[requests / 2]),
                ms(latencies[(int) (requests * 0.99)]), ms(latencies[requests - 1]), heapUsedMb(), rss.peakMb(),
                cpuMicrosPerReading, deferred.get() - deferredBefore),
                total / (stored / 1e9), requests / (accepted / 1e9));
    }

    private String body(String runTag, int gateway, int batch) {
        StringBuilder body = new StringBuilder(batch * 140).append("{\"gateway\":\"gw-").append(gateway)
                .append("\",\"readings\":[");
        String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        for (int r = 0; r < batch; r++) {
            long seq = seqs.incrementAndGet(gateway);
            if (r > 0) {
                body.append(',');
            }
            body.append("{\"device\":\"").append(runTag).append("-plug-").append(gateway).append('-').append(seq % 15)
                    .append("\",\"sensor\":\"power\",\"value\":").append(20 + seq % 2000).append(",\"unit\":\"W\",\"time\":\"")
                    .append(time).append("\",\"seq\":").append(seq).append('}');
        }
        return body.append("]}").toString();
    }

    private void push(int gateway, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/gateways/gw-" + gateway
                + "/readings")).header("Content-Type", "application/json").header("Authorization", gatewayAuth[gateway]).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            // Back-pressure (issue 13): wait as a gateway does, then send the same batch again.
            deferred.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(
                    Long.parseLong(response.headers().firstValue("Retry-After").get())).toNanos());
            push(gateway, body);
            return;
        }
        if (response.statusCode() != 202) {
            throw new IllegalStateException("push answered " + response.statusCode() + ": " + response.body());
        }
    }

    private long storedReadings() throws IOException, InterruptedException {
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/stats"))
                .header("Authorization", operatorAuth).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(stats.body()).get("readings").asLong();
    }

    private double heapUsedMb() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        Matcher m = HEAP_USED.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    }

    private double rssMb() throws IOException {
        return RssSampler.rssKb(pid) / 1024.0;
    }

    /** CPU time (user and system) of a process so far, from /proc; PostgreSQL's own processes are not in it. */
    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Samples the backend's resident set size every 100 ms, keeping the peak. */
    private static final class RssSampler extends Thread {
        private final long pid;
        private volatile boolean running = true;
        private volatile long peakKb;

        RssSampler(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        static long rssKb(long pid) throws IOException {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    peakKb = Math.max(peakKb, rssKb(pid));
                } catch (IOException e) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }

        void stopSampling() {
            running = false;
        }

        double peakMb() {
            return peakKb / 1024.0;
        }
    }
}
