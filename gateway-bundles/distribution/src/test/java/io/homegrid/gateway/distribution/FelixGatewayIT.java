package io.homegrid.gateway.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.BackendConfig;
import io.homegrid.launcher.EmbeddedBackend;
import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.model.json.Json;
import io.homegrid.security.test.AccessFixture;

/**
 * The gateway distribution as an installer runs it: Felix started by bin/homegrid-gateway, its
 * configuration in etc/, the gateway bundles in deploy/; against an embedded backend and the
 * simulator. Bundles are replaced in deploy/ while it runs, as a field upgrade does.
 */
class FelixGatewayIT {

    private static final String GATEWAY = "gw-felix";

    @TempDir
    Path dir;
    private int port;
    private int shellPort;
    private EmbeddedBackend backend;
    private XBeeSimulator simulator;
    private Path home;
    private Process felix;
    private AccessFixture identities;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        port = freePort();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dir.resolve("backend")));
        simulator = XBeeSimulator.start(new SimulatorConfig(0, 15, 1, Duration.ofMillis(500), 3, Clock.systemDefaultZone()));
        home = copy(Path.of(System.getProperty("homegrid.gateway.distribution")), dir.resolve("gateway"));
        Files.writeString(home.resolve("etc/io.homegrid.gateway.xbee.cfg"), "radio = tcp://localhost:" + simulator.port() + "\n");
        shellPort = freePort();
        Path felixConfig = home.resolve("conf/config.properties");
        Files.writeString(felixConfig, Files.readString(felixConfig).replace("osgi.shell.telnet.port=6666",
                "osgi.shell.telnet.port=" + shellPort));
        // As an installer would: the secret the backend answered at registration goes into the push configuration.
        identities = AccessFixture.around(backend.access());
        Files.writeString(home.resolve("etc/io.homegrid.gateway.push.cfg"), "backend = " + backend.baseUrl()
                + "\ngateway = " + GATEWAY + "\nintervalMillis = 200\ncommandWaitSeconds = 1\nsecret = "
                + identities.gatewaySecret(GATEWAY) + "\nbackendFingerprint = " + backend.tls().fingerprint() + "\n");
        http = HttpClient.newBuilder().sslContext(PinnedCertificate.context(backend.tls().fingerprint())).build();
        ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/homegrid-gateway").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("felix.log").toFile());
        launcher.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + System.getenv("PATH"));
        felix = launcher.start();
    }

    @AfterEach
    void stop() throws Exception {
        felix.destroy();
        felix.waitFor(30, TimeUnit.SECONDS);
        simulator.close();
        backend.close();
    }

    @Test
    void readsThePlugsAndPushesThroughFelix() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode devices = get("/api/v1/gateways/" + GATEWAY + "/devices").path("devices");
            assertThat(devices).hasSize(16);
            assertThat(devices.findValuesAsText("state")).containsOnly("joined");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/gateways/" + GATEWAY
                + "/devices").path("devices").get(0).path("name").asText()).isEqualTo("Fridge"));
        // issue 16, item 4 (in part): the log goes to a rolling file too, not the console only
        assertThat(Files.readString(home.resolve("log/gateway.log"))).contains("XBee coordinator").contains("INFO");
    }

    /** Issue 16, item 3: the homegrid: commands at the Gogo shell, over telnet on loopback. */
    @Test
    void theShellCommandsAnswerOverTheLoopbackTelnet() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/api/v1/gateways/" + GATEWAY
                + "/devices").path("devices")).hasSize(16));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shell("homegrid:status"))
                .contains("gateway  " + GATEWAY).contains("radio    xbee connected").contains("16 joined of 16")
                .contains("backend  reachable"));
        assertThat(shell("homegrid:devices")).contains("0013A20041000001").contains("Fridge").contains("power=");
        assertThat(shell("homegrid:cache")).contains("reading(s), oldest");
        assertThat(shell("homegrid:discover")).contains("node discovery started on 1 radio(s)");
        assertThat(shell("homegrid:push-now")).contains("pushing now");
        assertThat(shell("homegrid:relay 0013A20041000002 off")).contains("0013A20041000002 is off (confirmed)");
        assertThat(simulator.device("0013A20041000002").orElseThrow().relay()).isFalse();
        assertThat(shell("homegrid:relay 0013A20041000002")).contains("usage: homegrid:relay <device> on|off");
    }

    /** One command through the telnet shell; what the session printed up to a marker echoed after it. */
    private String shell(String command) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), shellPort)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write((command + "\r\necho __done__\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            StringBuilder out = new StringBuilder();
            byte[] buffer = new byte[4096];
            // the shell does not echo what it reads: the marker is the echo command's output
            while (!out.toString().matches("(?s).*__done__[\r\n].*")) {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                out.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            return out.toString();
        }
    }

    @Test
    void replacingTheConnectorAndPushBundlesInDeployWhileRunningLosesNoReading() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > 100);

        replace("xbee-connector.jar");
        long afterConnector = stored();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > afterConnector + 100);
        replace("rest-push.jar");
        long afterPush = stored();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > afterPush + 100);

        simulator.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> cached() == 0);
        long[] rows = storedRows();
        assertThat(rows[0]).as("readings stored").isPositive();
        assertThat(rows[1]).as("distinct seq").isEqualTo(rows[0]);
        assertThat(rows[2]).as("highest seq: every reading the gateway took").isEqualTo(rows[0]);
    }

    /** A field upgrade: a new jar over the old one in deploy/ (newer timestamp, so FileInstall updates it). */
    private void replace(String jar) throws IOException {
        Path target = home.resolve("deploy").resolve(jar);
        Path fresh = dir.resolve(jar);
        Files.copy(target, fresh, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().plusSeconds(5)));
        Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private long stored() throws Exception {
        return storedRows()[0];
    }

    /** count, distinct seq, max seq of this gateway's readings in PostgreSQL. */
    private long[] storedRows() throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT seq), coalesce(max(seq), 0) FROM reading"
                        + " WHERE gateway_id = '" + GATEWAY + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    /** Readings still in the gateway's SQLite cache (a second reader is fine with WAL). */
    private long cached() throws Exception {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + home.resolve("data/cache.db"),
                new java.util.Properties()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + path))
                .header("Authorization", identities.operator()).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
