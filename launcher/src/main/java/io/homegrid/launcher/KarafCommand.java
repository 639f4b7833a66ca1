package io.homegrid.launcher;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import io.homegrid.launcher.internal.EmbeddedDatabase;
import io.homegrid.launcher.internal.Foreground;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.launcher.internal.KarafDistribution;
import io.homegrid.launcher.internal.Resources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./homegrid karaf}: the Karaf distribution against the embedded PostgreSQL, for a try-out. */
@Command(name = "karaf", mixinStandardHelpOptions = true,
        description = "Run the backend in Apache Karaf (the distribution built by mvn install in features/distribution) "
                + "against an embedded PostgreSQL, until Ctrl-C.")
final class KarafCommand implements Callable<Integer> {

    static final String READY = "homegrid karaf ready";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8181", description = "HTTP port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--data-dir", defaultValue = "data-karaf",
            description = "where Karaf is unpacked and the embedded PostgreSQL keeps its data (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--distribution", required = true, description = "the homegrid-backend-<version>.tar.gz to run "
            + "(./homegrid passes the one it built)")
    private Path distribution;

    @Override
    public Integer call() throws Exception {
        Path directory = dataDir.toAbsolutePath();
        Resources resources = new Resources();
        try {
            EmbeddedDatabase database = resources.add("PostgreSQL", EmbeddedDatabase.start(directory.resolve("postgres")));
            KarafDistribution karaf = KarafDistribution.unpack(distribution, directory);
            karaf.configure("org.ops4j.datasource-homegrid", Map.of("url", database.jdbcUrl(), "user", database.user(),
                    "password", database.password()));
            karaf.configure("org.ops4j.pax.web", Map.of("org.osgi.service.http.port", Integer.toString(port)));
            karaf.configure("org.apache.karaf.shell", Map.of("sshPort", Integer.toString(FreePorts.next())));
            karaf.configure("org.apache.karaf.management", Map.of("rmiRegistryPort", Integer.toString(FreePorts.next()),
                    "rmiServerPort", Integer.toString(FreePorts.next())));
            resources.add("Karaf", karaf);
            long started = System.nanoTime();
            karaf.start();
            awaitHealthy(karaf, port);
            printReady(spec.commandLine().getOut(), karaf, database, Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception | Error e) {
            resources.close();
            throw e;
        }
        Foreground.runUntilStopped("homegrid-karaf", resources);
        return 0;
    }

    private static void awaitHealthy(KarafDistribution karaf, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!karaf.isAlive()) {
                throw new IllegalStateException("Karaf exited; see " + karaf.home().resolve("karaf-console.log")
                        + " and " + karaf.home().resolve("data/log/karaf.log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // Karaf is still starting its HTTP service
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("the backend in Karaf was not healthy within 3 minutes; see "
                + karaf.home().resolve("data/log/karaf.log"));
    }

    private void printReady(PrintWriter out, KarafDistribution karaf, EmbeddedDatabase database, Duration startup) {
        String base = "http://localhost:" + port;
        out.println(READY + " (healthy " + startup.toMillis() / 100 / 10.0 + " s after start, Karaf pid " + karaf.pid() + ")");
        out.println("  push       POST " + base + "/api/v1/gateways/{gatewayId}/readings");
        out.println("  query      " + base + "/api/v1/gateways");
        out.println("  health     " + base + "/health");
        out.println("  database   " + database.jdbcUrl() + " (embedded)");
        out.println("  karaf      " + karaf.home() + " (log: data/log/karaf.log; shell: " + karaf.home().resolve("bin/client") + ")");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
