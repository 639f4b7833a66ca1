package io.homegrid.gateway.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway distribution as an installer runs it: Felix started by bin/homegrid-gateway, its
 * configuration in etc/, the gateway bundles in deploy/; against an embedded backend and the
 * simulator. Bundles are replaced in deploy/ while it runs, as a field upgrade does.
 */
class FelixGatewayIT {

    private static final String GATEWAY = "gw-felix";

    @TempDir
    Path dir;
    private int shellPort;
    private GatewayRig rig;
    private Path home;
    private Process felix;

    @BeforeEach
    void start() throws Exception {
        rig = GatewayRig.start(dir);
        home = copy(Path.of(System.getProperty("homegrid.gateway.distribution")), dir.resolve("gateway"));
        rig.configure(home.resolve("etc"), GATEWAY);
        shellPort = GatewayRig.freePort();
        Path felixConfig = home.resolve("conf/config.properties");
        Files.writeString(felixConfig, Files.readString(felixConfig).replace("osgi.shell.telnet.port=6666",
                "osgi.shell.telnet.port=" + shellPort));
        felix = GatewayRig.launch(new ProcessBuilder(home.resolve("bin/homegrid-gateway").toString()),
                dir.resolve("felix.log"));
    }

    @AfterEach
    void stop() throws Exception {
        felix.destroy();
        felix.waitFor(30, TimeUnit.SECONDS);
        rig.close();
    }

    @Test
    void readsThePlugsAndPushesThroughFelix() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode devices = rig.get("/api/v1/gateways/" + GATEWAY + "/devices").path("devices");
            assertThat(devices).hasSize(16);
            assertThat(devices.findValuesAsText("state")).containsOnly("joined");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rig.get("/api/v1/gateways/" + GATEWAY
                + "/devices").path("devices").get(0).path("name").asText()).isEqualTo("Fridge"));
        // issue 16, item 4 (in part): the log goes to a rolling file too, not the console only
        assertThat(Files.readString(home.resolve("log/gateway.log"))).contains("XBee coordinator").contains("INFO");
    }

    /** Issue 16, item 3: the homegrid: commands at the Gogo shell, over telnet on loopback. */
    @Test
    void theShellCommandsAnswerOverTheLoopbackTelnet() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rig.get("/api/v1/gateways/" + GATEWAY
                + "/devices").path("devices")).hasSize(16));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shell("homegrid:status"))
                .contains("gateway  " + GATEWAY).contains("radio    xbee connected").contains("16 joined of 16")
                .contains("backend  reachable"));
        assertThat(shell("homegrid:devices")).contains("0013A20041000001").contains("Fridge").contains("power=");
        assertThat(shell("homegrid:cache")).contains("reading(s), oldest");
        assertThat(shell("homegrid:discover")).contains("node discovery started on 1 radio(s)");
        assertThat(shell("homegrid:push-now")).contains("pushing now");
        assertThat(shell("homegrid:relay 0013A20041000002 off")).contains("0013A20041000002 is off (confirmed)");
        assertThat(rig.simulator().device("0013A20041000002").orElseThrow().relay()).isFalse();
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

        rig.simulator().close();
        await().atMost(Duration.ofSeconds(60)).until(() -> GatewayRig.cached(home.resolve("data/cache.db")) == 0);
        long[] rows = rig.storedRows(GATEWAY);
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
        return rig.stored(GATEWAY);
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
}
