package io.homegrid.launcher.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.BackendConfig;
import io.homegrid.launcher.Browser;
import io.homegrid.launcher.EmbeddedBackend;
import io.homegrid.launcher.EmbeddedGateway;
import io.homegrid.launcher.GatewayConfig;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Role;

/**
 * Device to browser, the way the Web of Energy paper measured its live path: 50 gateways × 15
 * simulated plugs sampling every 2 s, through each gateway (real XBee library, SQLite cache,
 * HTTPS push), the backend (broker, parser, live hub) and the WebSocket into the dashboard's
 * household page in a real headless Chromium. A sample's latency is the moment the page's socket
 * handler has its power reading minus the moment the simulator's plug produced it. Everything
 * runs on this machine's cores: the simulators, the gateways, the backend and Chromium.
 *
 * <p>Run: {@code mvn -B -o -pl launcher -Pbench -DskipTests verify
 * -Dbench.main=io.homegrid.launcher.bench.DashboardLatencyBenchmark} (options: -Dbench.seconds=60,
 * -Dbench.gateways=50, -Dbench.plugs=15).
 */
public final class DashboardLatencyBenchmark {

    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final String RESIDENT = "bench";
    private static final String PASSWORD = "bench-resident-password";

    /** Per plug address, when each of its samples was produced (epoch ms → epoch ms). */
    private final Map<String, ConcurrentSkipListMap<Long, Long>> produced = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        new DashboardLatencyBenchmark().run(Integer.getInteger("bench.seconds", 60), Integer.getInteger("bench.gateways", 50),
                Integer.getInteger("bench.plugs", 15));
        System.exit(0);
    }

    private void run(int seconds, int gateways, int plugs) throws Exception {
        if (Browser.missing().isPresent()) {
            throw new IllegalStateException(Browser.missing().get());
        }
        Path dir = Files.createTempDirectory("homegrid-dashboard-bench");
        int port = FreePorts.next();
        List<AutoCloseable> running = new ArrayList<>();
        try (EmbeddedBackend backend = EmbeddedBackend.start(BackendConfig.defaults(port, dir.resolve("backend")))) {
            var directory = backend.access().access().directory();
            String household = directory.createHousehold("Bench block", ZoneId.of("Europe/Berlin")).id();
            directory.createUser(RESIDENT, PASSWORD, Role.RESIDENT, household);
            for (int g = 0; g < gateways; g++) {
                String gateway = "gw-bench-" + g;
                String secret = directory.registerGateway(new GatewayRegistration(gateway, household, "Block " + g, null,
                        52.50 + g % 10 * 0.002, 13.40 + g / 10 * 0.003, true, null, null));
                XBeeSimulator simulator = XBeeSimulator.start(new SimulatorConfig(0, plugs, 0, PERIOD, g,
                        Clock.systemUTC()).inNetwork(g + 1));
                simulator.onSample((address, when) -> produced.computeIfAbsent(address, a -> new ConcurrentSkipListMap<>())
                        .put(when.toEpochMilli(), when.toEpochMilli()));
                running.add(simulator);
                running.add(EmbeddedGateway.start(GatewayConfig.of(gateway, URI.create(backend.baseUrl()),
                        "tcp://localhost:" + simulator.port(), dir.resolve(gateway), FreePorts.next()).withSecret(secret)
                        .withBackendFingerprint(backend.tls().fingerprint())));
            }
            try (Browser browser = Browser.start(backend.tls().certificateFile(), 1280, 900)) {
                ChromeDriver page = browser.driver();
                page.get(backend.baseUrl() + "/");
                page.findElement(By.id("username")).sendKeys(RESIDENT);
                page.findElement(By.id("password")).sendKeys(PASSWORD);
                page.findElement(By.id("login-submit")).click();
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (page.findElements(By.cssSelector("#devices .device")).size() < gateways * plugs) {
                    if (System.nanoTime() > until) {
                        browser.screenshot(Path.of("target", "screenshots", "bench-household-failed.png"));
                        throw new IllegalStateException("live status '" + page.findElement(By.id("live-status")).getText()
                                + "': the page shows "
                                + page.findElements(By.cssSelector("#devices .device")).size() + " devices, not "
                                + gateways * plugs);
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                }
                drain(page, Long.MAX_VALUE);
                TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());
                drain(page, Long.MAX_VALUE);
                long start = System.currentTimeMillis();
                long end = start + seconds * 1000L;
                List<long[]> measured = new ArrayList<>();
                while (System.currentTimeMillis() < end) {
                    TimeUnit.MILLISECONDS.sleep(500);
                    measured.addAll(drain(page, start));
                }
                browser.screenshot(Path.of("target", "screenshots", "bench-household.png"));
                report(measured, seconds, gateways, plugs);
            }
        } finally {
            for (AutoCloseable closeable : running) {
                closeable.close();
            }
        }
    }

    /**
     * The page's arrivals since the last drain, as {sample → page, gateway stamp → page} in ms,
     * for power readings of samples produced at or after {@code from}.
     */
    @SuppressWarnings("unchecked")
    private List<long[]> drain(ChromeDriver page, long from) {
        List<Map<String, Object>> arrivals = (List<Map<String, Object>>) ((JavascriptExecutor) page)
                .executeScript("return (window.homegrid && window.homegrid.arrivals) ? window.homegrid.arrivals.splice(0) : [];");
        List<long[]> latencies = new ArrayList<>();
        for (Map<String, Object> arrival : arrivals) {
            if (!"power".equals(arrival.get("sensor"))) {
                continue;
            }
            long at = ((Number) arrival.get("at")).longValue();
            long stamped = Instant.parse((String) arrival.get("time")).toEpochMilli();
            ConcurrentSkipListMap<Long, Long> samples = produced.get((String) arrival.get("device"));
            Map.Entry<Long, Long> sample = samples == null ? null : samples.floorEntry(stamped);
            if (sample == null || sample.getKey() < from || stamped - sample.getKey() > PERIOD.toMillis()) {
                continue;
            }
            latencies.add(new long[] {at - sample.getKey(), at - stamped});
        }
        return latencies;
    }

    private static void report(List<long[]> measured, int seconds, int gateways, int plugs) {
        long[] total = measured.stream().mapToLong(l -> l[0]).sorted().toArray();
        long[] fromGateway = measured.stream().mapToLong(l -> l[1]).sorted().toArray();
        long expected = (long) gateways * plugs * seconds / PERIOD.toSeconds();
        System.out.println();
        System.out.printf(Locale.ROOT, "%d gateways x %d plugs every %d s -> gateways -> backend -> WebSocket -> headless "
                + "Chromium, %d s measured after %d s warm-up, all on %d cores%n", gateways, plugs, PERIOD.toSeconds(),
                seconds, WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| path | samples | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("plug sample -> page", total, expected);
        row("gateway stamp -> page", fromGateway, expected);
    }

    private static void row(String path, long[] sorted, long expected) {
        if (sorted.length == 0) {
            System.out.printf(Locale.ROOT, "| %s | 0 of %d | | | | | |%n", path, expected);
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %d of %d | %d | %d | %d | %d | %.1f |%n", path, sorted.length, expected,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(0));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
