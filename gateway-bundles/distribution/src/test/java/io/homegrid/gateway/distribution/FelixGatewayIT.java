package io.homegrid.gateway.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.xbee.simulator.SimulatedBattery;
import io.homegrid.gateway.xbee.simulator.SimulatedDevice;
import io.homegrid.model.json.Json;

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
    private int consolePort;
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
        consolePort = GatewayRig.freePort();
        Files.writeString(felixConfig, Files.readString(felixConfig).replace("osgi.shell.telnet.port=6666",
                "osgi.shell.telnet.port=" + shellPort).replace("org.osgi.service.http.port=8090",
                "org.osgi.service.http.port=" + consolePort));
        Path httpConfig = home.resolve("etc/org.apache.felix.http.cfg");
        Files.writeString(httpConfig, Files.readString(httpConfig).replace("= 8090", "= " + consolePort));
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
        // issue 16, item 4: health and status on the gateway's own HTTP (loopback), as the embedded gateway answers them
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = console("/health", null, null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode checks = Json.mapper().readTree(health.body()).path("checks");
            assertThat(checks.path("radio").path("status").asText()).isEqualTo("UP");
            assertThat(checks.path("backend").path("status").asText()).isEqualTo("UP");
        });
        JsonNode status = Json.mapper().readTree(console("/api/v1/status", null, null).body());
        assertThat(status.path("gateway").asText()).isEqualTo(GATEWAY);
        assertThat(status.path("devices").path("joined").asInt()).isEqualTo(16);
        assertThat(status.path("backend").path("pushed").asLong()).isPositive();
        // issue 16, item 4 (in part): the log goes to a rolling file too, not the console only
        assertThat(Files.readString(home.resolve("log/gateway.log"))).contains("XBee coordinator").contains("INFO");
    }

    /**
     * Issue 17, item 4, in the distribution as installed: the community-agent bundle with its
     * shipped configuration finds the household's battery on the radio and discharges it while the
     * community's residual load (the 15 plugs, against a limit of 100 W) is above the limit (and
     * recharges it when the kettles go off and the discharge overshoots); the setpoints it sent are
     * stored at the backend, within the battery's power.
     */
    @Test
    void theCommunityAgentDischargesTheBatteryWhileTheCommunityIsAboveItsLimit() throws Exception {
        SimulatedDevice battery = rig.simulator().addBattery("Battery", new SimulatedBattery(10_000, 5_000, 5_000, 0.95,
                0.8));
        rig.joinCommunity(GATEWAY, "felix-street", 100, 0);
        Path log = home.resolve("log/gateway.log");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(log) && Files.readString(log)
                .contains("Community agent: following community 'felix-street'"));
        await().atMost(Duration.ofSeconds(30)).until(() -> battery.battery().powerW() > 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rig.get("/api/v1/devices/"
                + battery.address() + "/readings?sensor=setpoint&limit=100").path("readings").findValues("value"))
                .as("every setpoint the agent sent is recorded").isNotEmpty()
                .allSatisfy(value -> assertThat(value.asDouble()).isBetween(-5_000.0, 5_000.0)));

        // item 8 and the installer's view: the battery's settings through the backend, checked there and applied here
        String api = "/api/v1/gateways/" + GATEWAY + "/configuration";
        HttpResponse<String> negative = rig.call("PUT", api, "{\"battery.capacityWh\": -5000}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(negative.body()).path("field").asText()).isEqualTo("battery.capacityWh");
        HttpResponse<String> smaller = rig.call("PUT", api, "{\"battery.maxDischargeW\": 400}");
        assertThat(smaller.statusCode()).as(smaller.body()).isEqualTo(200);
        assertThat(settings(smaller).path("battery.maxDischargeW").asText()).isEqualTo("400");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(home.resolve(
                "etc/io.homegrid.gateway.community.cfg"))).contains("maxDischargeW = 400"));
        await().atMost(Duration.ofSeconds(60)).until(() -> battery.battery().powerW() > 0
                && battery.battery().powerW() <= 400.5);
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

    /**
     * Issue 16, item 2: the Felix Web Console on loopback, for the installer only, where every
     * homegrid configuration is a form described by its bundle's metatype.
     */
    @Test
    void theConsoleShowsEveryHomegridConfigurationWithItsMetatypeToTheInstallerOnly() throws Exception {
        Path passwordFile = home.resolve("data/installer.password");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(passwordFile));
        String password = Files.readString(passwordFile).strip();
        assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String bundles = "/system/console/bundles.json";
        await().atMost(Duration.ofSeconds(60)).until(() -> console(bundles, "installer", password).statusCode() == 200);

        assertThat(console(bundles, null, null).statusCode()).as("no credential").isEqualTo(401);
        assertThat(console(bundles, "admin", "admin").statusCode()).as("the console's own default").isEqualTo(401);
        assertThat(console(bundles, "installer", password + "x").statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Json.mapper().readTree(
                console(bundles, "installer", password).body()).path("status").asText()).matches(
                "Bundle information: (\\d+) bundles in total - all \\1 bundles active\\."));

        Map<String, Map<String, String>> designated = Metatypes.defaults(home.resolve("deploy"));
        assertThat(designated.keySet()).contains("io.homegrid.gateway.xbee", "io.homegrid.gateway.push",
                "io.homegrid.gateway.cache", "io.homegrid.gateway.devices", "io.homegrid.gateway.descriptions",
                "io.homegrid.gateway.console");
        String page = console("/system/console/configMgr", "installer", password).body();
        for (String pid : designated.keySet()) {
            assertThat(page).as("the configuration page lists %s", pid).contains("\"id\":\"" + pid + "\"");
            // what the page fetches when the installer opens a configuration (whether it is set yet or not)
            JsonNode form = Json.mapper().readTree(console("/system/console/configMgr/" + pid + "?post=true",
                    "installer", password).body());
            assertThat(form.path("title").asText()).as("%s has a name", pid).startsWith("homegrid ");
            assertThat(form.path("description").asText()).as("%s is described", pid).isNotBlank();
            assertThat(form.path("properties").size()).as("%s's attributes", pid)
                    .isEqualTo(designated.get(pid).size());
            form.path("properties").forEach(attribute -> {
                assertThat(attribute.path("name").asText()).isNotBlank();
                assertThat(attribute.path("description").asText()).isNotBlank();
            });
        }
        JsonNode push = Json.mapper().readTree(console("/system/console/configMgr/io.homegrid.gateway.push?post=true",
                "installer", password).body()).path("properties");
        assertThat(push.path("gateway").path("value").asText()).as("the running configuration").isEqualTo(GATEWAY);
        assertThat(push.path("secret").path("value").asText()).as("a password field never shows the secret")
                .isEqualTo("unmodified");

        // a form saved in the console applies at once and is written back into its file, which outlives a restart
        Path devices = home.resolve("etc/io.homegrid.gateway.devices.cfg");
        assertThat(GatewayRig.console(consolePort, "/system/console/configMgr/io.homegrid.gateway.devices", "installer",
                password, "apply=true&action=ajaxConfigManager&propertylist=silenceSeconds&silenceSeconds=90")
                .statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(devices))
                .contains("# A device silent this long has left the network.\nsilenceSeconds = 90\n"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Json.mapper().readTree(console(
                "/system/console/configMgr/io.homegrid.gateway.devices?post=true", "installer", password).body())
                .path("properties").path("silenceSeconds").path("value").asInt()).isEqualTo(90));
    }

    private HttpResponse<String> console(String path, String user, String password) throws Exception {
        return GatewayRig.console(consolePort, path, user, password);
    }

    /**
     * Issue 16, item 6: a node discovery and a settings change asked at the backend, carried out by
     * the gateway through its command channel, and confirmed by what it reports.
     */
    @Test
    void aDiscoveryAndASettingsChangeThroughTheBackendAreConfirmed() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rig.get("/api/v1/gateways/" + GATEWAY
                + "/devices").path("devices")).hasSize(16));
        String api = "/api/v1/gateways/" + GATEWAY;

        HttpResponse<String> discovery = rig.call("POST", api + "/discovery?seconds=2", null);
        assertThat(discovery.statusCode()).as(discovery.body()).isEqualTo(200);
        JsonNode discovered = Json.mapper().readTree(discovery.body());
        assertThat(discovered.path("devices")).hasSize(16);
        assertThat(discovered.path("found").isArray()).isTrue();
        // a new one, or the start's if that is still running (the radio runs one discovery at a time)
        assertThat(rig.simulator().discoveries()).as("the radio ran a node discovery").isPositive();

        assertThat(settings(rig.call("GET", api + "/configuration", null)).path("intervalMillis").asText()).isEqualTo("200");
        Path pushFile = home.resolve("etc/io.homegrid.gateway.push.cfg");
        String secretLine = Files.readAllLines(pushFile).stream().filter(l -> l.startsWith("secret")).findFirst().orElseThrow();
        HttpResponse<String> changed = rig.call("PUT", api + "/configuration",
                "{\"intervalMillis\": 500, \"smart-plug.AD1.factor\": 3.6}");
        assertThat(settings(changed).path("intervalMillis").asText()).isEqualTo("500");
        assertThat(settings(changed).path("smart-plug.AD1.factor").asText()).isEqualTo("3.6");
        // kept where the gateway's configuration lives, so it outlives a restart; the secret stays
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(pushFile))
                .contains("intervalMillis = 500").contains(secretLine));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(home.resolve(
                "etc/io.homegrid.gateway.descriptions.cfg"))).contains("smart-plug.AD1.factor = 3.6"));
        // the push component restarted with the change, and its command channel answers again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(settings(rig.call("GET",
                api + "/configuration", null)).path("intervalMillis").asText()).isEqualTo("500"));
        long stored = stored();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > stored + 50);

        HttpResponse<String> tooBig = rig.call("PUT", api + "/configuration", "{\"batchSize\": 5000}");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(tooBig.body()).path("field").asText()).isEqualTo("batchSize");
        HttpResponse<String> secret = rig.call("PUT", api + "/configuration", "{\"secret\": \"x\"}");
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(secret.body()).path("reason").asText()).startsWith("is no gateway setting");
    }

    /**
     * Issue 16, item 5: bundles pushed from the backend. A bundle signed by the signer the gateway
     * trusts replaces the running one with no reading lost; an unsigned one is refused; one that
     * does not start is rolled back; a rollout reaches the gateway too; the operator sees the versions.
     */
    @Test
    void signedBundlesFromTheBackendAreInstalledUnsignedOnesRefusedAndFailingOnesRolledBack() throws Exception {
        Path certificate = home.resolve("etc/bundle-signer.pem");
        BundleSigning signing = BundleSigning.create(dir, certificate);
        Path pushFile = home.resolve("etc/io.homegrid.gateway.push.cfg");
        Files.writeString(pushFile, Files.readString(pushFile) + "updateSigner = " + certificate + "\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > 100);
        String api = "/api/v1/gateways/" + GATEWAY + "/bundles";
        byte[] connector = Files.readAllBytes(home.resolve("deploy/xbee-connector.jar"));

        byte[] release = signing.sign(BundleSigning.withHeaders(connector, Map.of("Bundle-Version", "0.2.0")), dir);
        HttpResponse<String> updated = rig.call("POST", api, release, "application/java-archive");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(updated.body()).path("outcome").asText()).isEqualTo("updated");
        assertThat(connectorVersion()).isEqualTo("0.2.0 active");
        assertThat(home.resolve("data/bundles/io.homegrid.gateway.xbee.connector.jar")).as("kept for the next start")
                .hasBinaryContent(release);
        long afterUpdate = stored();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > afterUpdate + 100);

        HttpResponse<String> unsigned = rig.call("POST", api, connector, "application/java-archive");
        assertThat(unsigned.statusCode()).isEqualTo(409);
        assertThat(Json.mapper().readTree(unsigned.body()).path("reason").asText()).contains("refused")
                .contains("is not signed");
        byte[] otherKey = BundleSigning.create(Files.createDirectories(dir.resolve("other")), dir.resolve("other.pem"))
                .sign(connector, dir);
        assertThat(Json.mapper().readTree(rig.call("POST", api, otherKey, "application/java-archive").body())
                .path("reason").asText()).contains("not signed by the signer this gateway trusts");

        byte[] broken = signing.sign(BundleSigning.withHeaders(connector, Map.of("Bundle-Version", "0.3.0",
                "Bundle-Activator", "io.homegrid.nowhere.Activator")), dir);
        HttpResponse<String> rolledBack = rig.call("POST", api, broken, "application/java-archive");
        assertThat(rolledBack.statusCode()).isEqualTo(409);
        assertThat(Json.mapper().readTree(rolledBack.body()).path("reason").asText()).contains("rolled back")
                .contains("back to 0.2.0");
        assertThat(connectorVersion()).isEqualTo("0.2.0 active");

        HttpResponse<String> rollout = rig.call("POST", "/api/v1/rollouts?gateway=" + GATEWAY, release,
                "application/octet-stream");
        assertThat(rollout.statusCode()).as(rollout.body()).isEqualTo(202);
        String progress = "/api/v1/rollouts/" + Json.mapper().readTree(rollout.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode state = Json.mapper().readTree(rig.call("GET", progress, null).body());
            assertThat(state.path("done").asBoolean()).isTrue();
            assertThat(state.path("gateways").path(GATEWAY).path("outcome").asText()).isEqualTo("updated");
        });

        long last = stored();
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() > last + 100);
        rig.simulator().close();
        await().atMost(Duration.ofSeconds(60)).until(() -> GatewayRig.cached(home.resolve("data/cache.db")) == 0);
        long[] rows = rig.storedRows(GATEWAY);
        assertThat(rows[1]).as("distinct seq").isEqualTo(rows[0]);
        assertThat(rows[2]).as("every reading the gateway took, through three bundle changes").isEqualTo(rows[0]);

        // the framework's cache is made anew at each start: the kept update is applied again
        felix.destroy();
        assertThat(felix.waitFor(30, TimeUnit.SECONDS)).isTrue();
        felix = GatewayRig.launch(new ProcessBuilder(home.resolve("bin/homegrid-gateway").toString()),
                dir.resolve("felix-again.log"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(connectorVersion()).isEqualTo("0.2.0 active"));
    }

    private String connectorVersion() throws Exception {
        JsonNode bundles = Json.mapper().readTree(rig.call("GET", "/api/v1/gateways/" + GATEWAY + "/bundles", null)
                .body()).path("bundles");
        for (JsonNode bundle : bundles) {
            if ("io.homegrid.gateway.xbee.connector".equals(bundle.path("symbolicName").asText())) {
                return bundle.path("version").asText() + " " + bundle.path("state").asText();
            }
        }
        return "absent from " + bundles;
    }

    private static JsonNode settings(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).path("settings");
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
