package io.homegrid.launcher.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.homegrid.launcher.Main;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;

/**
 * Issue 18's capacity figures: {@code ./homegrid cluster} with 1, 2 and 3 instances, one after the
 * other, each pushed by 50 gateways through its entry at the paper's load shape (a push is one
 * household's 2 s sample of 15 plugs) as fast as the cluster answers. Prints, for each, readings
 * accepted and stored per second, the machine's CPU use, and the households per instance that
 * makes at 7.5 readings/s a household.
 *
 * <pre>mvn -B -pl launcher -am -Pbench -DskipTests verify -Dbench.main=io.homegrid.launcher.bench.ClusterThroughput</pre>
 */
public final class ClusterThroughput {

    private static final int GATEWAYS = Integer.getInteger("bench.gateways", 50);
    private static final int PLUGS = 15;
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 20));
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 40));

    private ClusterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", "..")).toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        for (int instances : new int[] {1, 2, 3}) {
            lines.add(run(repo, instances));
        }
        System.out.println("\ninstances | accepted readings/s | stored readings/s | machine CPU | households per instance"
                + " (7.5 readings/s each) | cores used per role (all instances together)");
        lines.forEach(System.out::println);
    }

    private static String run(Path repo, int instances) throws Exception {
        Path dir = Files.createTempDirectory("cluster-bench-" + instances);
        int port = FreePorts.next();
        Process cluster = new ProcessBuilder(repo.resolve("homegrid").toString(), "cluster", "--instances",
                Integer.toString(instances), "--port", Integer.toString(port), "--data-dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("cluster.out").toFile()).start();
        try {
            while (!Files.readString(dir.resolve("cluster.out")).contains("homegrid cluster ready")) {
                if (!cluster.isAlive()) {
                    throw new IllegalStateException("the cluster ended; see " + dir.resolve("cluster.out"));
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
            BenchBackend entry = BenchBackend.await(cluster, port, dir, true);
            List<String> gateways = new ArrayList<>();
            for (int g = 0; g < GATEWAYS; g++) {
                gateways.add(entry.registerGateway("gw-b" + g));
            }
            AtomicLong accepted = new AtomicLong();
            AtomicBoolean pushing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(GATEWAYS);
            for (int g = 0; g < GATEWAYS; g++) {
                String gateway = "gw-b" + g;
                String auth = gateways.get(g);
                pool.submit(() -> push(entry, gateway, auth, pushing, accepted));
            }
            TimeUnit.MILLISECONDS.sleep(WARMUP.toMillis());
            long stored0 = stored(entry);
            long accepted0 = accepted.get();
            long[] cpu0 = Cpu.sample();
            Map<String, Duration> roles0 = Cpu.byRole(cluster.toHandle(), dir);
            long t0 = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(MEASURED.toMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long stored1 = stored(entry);
            long accepted1 = accepted.get();
            double busy = Cpu.busy(cpu0, Cpu.sample());
            Map<String, Duration> roles1 = Cpu.byRole(cluster.toHandle(), dir);
            StringBuilder perRole = new StringBuilder();
            roles1.forEach((role, cpu) -> perRole.append(perRole.length() == 0 ? "" : ", ").append(String.format(
                    Locale.ROOT, "%s %.2f", role, (cpu.toNanos() - roles0.getOrDefault(role, Duration.ZERO).toNanos())
                            / 1e9 / seconds)));
            pushing.set(false);
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            double acceptedRate = (accepted1 - accepted0) / seconds;
            double storedRate = (stored1 - stored0) / seconds;
            String line = String.format("%d | %,.0f | %,.0f | %.0f %% of 2 cores | %,.0f | %s", instances, acceptedRate,
                    storedRate, busy * 100, Math.min(acceptedRate, storedRate) / 7.5 / instances, perRole);
            System.out.println("cluster of " + instances + ": " + line);
            return line;
        } finally {
            cluster.destroy();
            cluster.waitFor(2, TimeUnit.MINUTES);
        }
    }

    private static Void push(BenchBackend entry, String gateway, String auth, AtomicBoolean pushing, AtomicLong accepted)
            throws Exception {
        long seq = 0;
        while (pushing.get()) {
            StringBuilder body = new StringBuilder("{\"gateway\":\"" + gateway + "\",\"readings\":[");
            Instant now = Instant.now();
            for (int p = 0; p < PLUGS; p++) {
                body.append(p == 0 ? "" : ",").append("{\"device\":\"").append(gateway).append("-p").append(p)
                        .append("\",\"sensor\":\"power\",\"value\":").append(50 + p).append(",\"unit\":\"W\",\"time\":\"")
                        .append(now).append("\",\"seq\":").append(++seq).append('}');
            }
            body.append("]}");
            try {
                HttpResponse<Void> answer = entry.http().send(HttpRequest.newBuilder(URI.create(entry.base()
                        + "/api/v1/gateways/" + gateway + "/readings")).header("Authorization", auth)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 202) {
                    accepted.addAndGet(PLUGS);
                } else if (answer.statusCode() == 503) {
                    // back-pressure: as a gateway does, wait and send again
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (java.io.IOException e) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        return null;
    }

    private static long stored(BenchBackend entry) throws Exception {
        HttpResponse<String> stats = entry.http().send(HttpRequest.newBuilder(URI.create(entry.base() + "/api/v1/stats"))
                .header("Authorization", entry.operator()).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(stats.body()).get("readings").asLong();
    }

    /** The machine's CPU time from /proc/stat: busy and total jiffies. */
    private static final class Cpu {
        static long[] sample() throws Exception {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        }

        static double busy(long[] before, long[] after) {
            return (double) (after[0] - before[0]) / (after[1] - before[1]);
        }

        /**
         * CPU time so far of the cluster's processes, summed by what they are, and of this load
         * client. PostgreSQL's server detaches from the process that starts it, so it is found by
         * the pid file in its data directory.
         */
        static Map<String, Duration> byRole(ProcessHandle cluster, Path dir) throws java.io.IOException {
            Map<String, Duration> roles = new TreeMap<>();
            Set<Long> counted = new HashSet<>();
            add(roles, counted, "load client", ProcessHandle.current());
            try (var files = Files.walk(dir, 5)) {
                for (Path pidFile : files.filter(file -> file.endsWith("postmaster.pid")).toList()) {
                    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                    ProcessHandle.of(pid).ifPresent(postmaster -> {
                        add(roles, counted, "PostgreSQL", postmaster);
                        postmaster.descendants().forEach(backend -> add(roles, counted, "PostgreSQL", backend));
                    });
                }
            }
            add(roles, counted, role(cluster), cluster);
            cluster.descendants().forEach(process -> add(roles, counted, role(process), process));
            return roles;
        }

        /**
         * By executable, and for our JVMs by the command after the main class, read from
         * {@code /proc}: ProcessHandle gives no arguments for a command line as long as their class path.
         */
        private static String role(ProcessHandle process) {
            String executable = process.info().command().orElse("");
            if (executable.endsWith("/haproxy")) {
                return "HAProxy";
            }
            if (executable.endsWith("/postgres")) {
                return "PostgreSQL";
            }
            List<String> arguments;
            try {
                arguments = List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                        .split("\u0000"));
            } catch (java.io.IOException e) {
                return "ended before it was read";
            }
            int main = arguments.indexOf(Main.class.getName());
            String command = main >= 0 && main + 1 < arguments.size() ? arguments.get(main + 1) : "";
            return switch (command) {
                case "broker" -> "brokers";
                case "backend" -> "instances";
                case "cluster" -> "cluster supervisor";
                default -> "other (" + executable + ")";
            };
        }

        private static void add(Map<String, Duration> roles, Set<Long> counted, String role,
                ProcessHandle process) {
            if (counted.add(process.pid())) {
                process.info().totalCpuDuration().ifPresent(cpu -> roles.merge(role, cpu, Duration::plus));
            }
        }
    }
}
