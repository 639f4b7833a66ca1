package io.homegrid.gateway.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 1: the Debian package an installer puts on a Raspberry Pi. Its contents are read
 * as dpkg reads them; where dpkg is at hand (and the test runs as root, as dpkg needs), it is
 * installed into a scratch root, the gateway is run from there the way its systemd unit runs it,
 * as its own user, and the package is upgraded under it with the cache and sequence numbers kept.
 */
class DebianPackageIT {

    private static final String NAME = "homegrid-gateway";
    private static final String UNIT = "/lib/systemd/system/homegrid-gateway.service";
    private static final String GATEWAY = "gw-deb";

    private final Path deb = Path.of(System.getProperty("homegrid.gateway.deb").replace("-SNAPSHOT", "~SNAPSHOT"));

    @TempDir
    Path dir;

    @Test
    void carriesTheUnitTheUserThePathsAndTheConffiles() throws Exception {
        assertThat(deb.getFileName().toString()).matches("homegrid-gateway_[0-9][^_]*_all\\.deb");
        DebianPackage pkg = DebianPackage.read(deb);

        assertThat(pkg.control().get("control")).contains("Package: " + NAME).contains("Architecture: all")
                .containsPattern("Depends: .*java17-runtime-headless");
        // every file under /etc is a conffile, and only those: an upgrade keeps what the installer set
        List<String> etc = pkg.data().values().stream().filter(e -> !e.directory() && e.path().startsWith("/etc/"))
                .map(DebianPackage.Entry::path).sorted().toList();
        assertThat(etc).contains("/etc/homegrid-gateway/io.homegrid.gateway.push.cfg", "/etc/default/" + NAME);
        assertThat(pkg.control().get("conffiles").lines().sorted().toList()).isEqualTo(etc);
        assertThat(pkg.data().get("/etc/homegrid-gateway/io.homegrid.gateway.push.cfg").mode())
                .as("the secret's file is not for everyone").isEqualTo(0640);
        // the state is the gateway's, not the package's: dpkg never replaces or removes it
        assertThat(pkg.data().keySet()).noneMatch(p -> p.startsWith("/var/"));

        Map<String, List<String>> unit = unit(pkg.data().get(UNIT).text());
        assertThat(unit.get("User")).containsExactly(NAME);
        assertThat(unit.get("SupplementaryGroups")).containsExactly("dialout");
        assertThat(unit.get("Restart")).containsExactly("on-failure");
        assertThat(unit.get("WantedBy")).containsExactly("multi-user.target");
        assertThat(unit.get("Environment")).containsExactlyInAnyOrder("HOMEGRID_GATEWAY_ETC=/etc/homegrid-gateway",
                "HOMEGRID_GATEWAY_DATA=/var/lib/homegrid-gateway", "HOMEGRID_GATEWAY_LOG=/var/log/homegrid-gateway");
        assertThat(unit.get("EnvironmentFile")).containsExactly("-/etc/default/" + NAME);
        DebianPackage.Entry start = pkg.data().get(unit.get("ExecStart").get(0));
        assertThat(start).as("ExecStart is in the package").isNotNull();
        assertThat(start.mode()).isEqualTo(0755);
        assertThat(pkg.data().get("/etc/default/" + NAME).text()).contains("GATEWAY_JAVA_OPTS=\"-Xmx64m");

        assertThat(pkg.data().get("/usr/lib/sysusers.d/" + NAME + ".conf").text())
                .contains("u " + NAME + " - ").contains("m " + NAME + " dialout");
        assertThat(pkg.data().keySet()).contains("/usr/share/homegrid-gateway/bin/felix.jar",
                "/usr/share/homegrid-gateway/conf/config.properties", "/usr/share/homegrid-gateway/deploy/rest-push.jar",
                "/usr/share/homegrid-gateway/deploy/xbee-connector.jar");
        assertThat(pkg.control().get("postinst")).contains("systemd-sysusers").contains("DPKG_ROOT");
    }

    @Test
    void installsIntoARootRunsAsItsUserAndKeepsItsCacheThroughAnUpgrade() throws Exception {
        assumeTrue(onPath("dpkg") && onPath("dpkg-deb"), "dpkg is not installed here");
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg installs as root only");
        assumeTrue(onPath("systemd-sysusers"), "the package creates its user with systemd-sysusers (apt install systemd)");
        assumeTrue(onPath("setpriv"), "the gateway runs as its user through setpriv (util-linux)");
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(root.resolve("etc"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        // the gateway's user must reach its files through the test's own folder
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        dpkg(root, deb);
        String passwd = Files.readString(root.resolve("etc/passwd"));
        assertThat(passwd).containsPattern("(?m)^" + NAME + ":x:\\d+:\\d+:[^:]*:/var/lib/homegrid-gateway:/usr/sbin/nologin$");
        assertThat(Files.readString(root.resolve("etc/group"))).containsPattern("(?m)^dialout:x:\\d+:.*" + NAME);
        assertThat(Files.readSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/" + NAME + ".service")))
                .as("enabled at boot").isEqualTo(Path.of(UNIT));
        int uid = Integer.parseInt(field(passwd, NAME, 2));
        assertThat(Files.getAttribute(root.resolve("var/lib/homegrid-gateway"), "unix:uid")).isEqualTo(uid);
        Path etc = root.resolve("etc/homegrid-gateway");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("io.homegrid.gateway.push.cfg"))))
                .isEqualTo("rw-rw----");

        try (GatewayRig rig = GatewayRig.start(dir)) {
            rig.configure(etc, GATEWAY);
            int consolePort = GatewayRig.freePort();
            Files.writeString(etc.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.host = 127.0.0.1\n"
                    + "org.osgi.service.http.port = " + consolePort + "\n");
            Process first = startAsTheUnitDoes(root, uid, dir.resolve("first.log"));
            await().atMost(Duration.ofSeconds(90)).until(() -> rig.stored(GATEWAY) > 50);
            Path log = root.resolve("var/log/homegrid-gateway/gateway.log");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("Reading cache data/cache.db opened"));
            // the local console lets in the installer, whose password the gateway's user alone may read
            Path password = root.resolve("var/lib/homegrid-gateway/data/installer.password");
            assertThat(Files.getAttribute(password, "unix:uid")).isEqualTo(uid);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
            String bundles = "/system/console/bundles.json";
            await().atMost(Duration.ofSeconds(60)).until(() -> GatewayRig.console(consolePort, bundles, "installer",
                    Files.readString(password).strip()).statusCode() == 200);
            assertThat(GatewayRig.console(consolePort, bundles, null, null).statusCode()).isEqualTo(401);
            stop(first);
            Path cache = root.resolve("var/lib/homegrid-gateway/data/cache.db");
            assertThat(Files.getAttribute(cache, "unix:uid")).as("written by the gateway's user").isEqualTo(uid);
            long before = rig.storedRows(GATEWAY)[2];

            Path newer = newerVersion(dir.resolve("upgrade"));
            dpkg(root, newer);
            assertThat(run("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W", "-f=${Version}", NAME))
                    .endsWith("+upgrade1");
            assertThat(Files.readString(etc.resolve("io.homegrid.gateway.push.cfg")))
                    .as("the installer's configuration survives").contains("gateway = " + GATEWAY);

            Process second = startAsTheUnitDoes(root, uid, dir.resolve("second.log"));
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> rig.storedRows(GATEWAY)[2] > before + 50);
                rig.simulator().close();
                await().atMost(Duration.ofSeconds(60)).until(() -> GatewayRig.cached(cache) == 0);
            } finally {
                stop(second);
            }
            long[] rows = rig.storedRows(GATEWAY);
            assertThat(rows[1]).as("distinct seq").isEqualTo(rows[0]);
            assertThat(rows[2]).as("the numbers went on after the upgrade, none reused, none lost").isEqualTo(rows[0]);
        }
    }

    /** The unit's environment, ExecStart and User, with every path under the scratch root. */
    private Process startAsTheUnitDoes(Path root, int uid, Path log) throws Exception {
        Map<String, List<String>> unit = unit(Files.readString(root.resolve(UNIT.substring(1))));
        List<String> command = new ArrayList<>();
        String passwd = Files.readString(root.resolve("etc/passwd"));
        String gid = field(passwd, unit.get("User").get(0), 3);
        command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        command.add(root + unit.get("ExecStart").get(0));
        ProcessBuilder launcher = new ProcessBuilder(command).directory(root.resolve(unit.get("WorkingDirectory").get(0)
                .substring(1)).toFile());
        for (String setting : unit.get("Environment")) {
            String[] kv = setting.split("=", 2);
            launcher.environment().put(kv[0], root + kv[1]);
        }
        for (String line : Files.readAllLines(root.resolve(unit.get("EnvironmentFile").get(0).substring(2)))) {
            if (line.matches("[A-Z_]+=.*")) {
                String[] kv = line.split("=", 2);
                launcher.environment().put(kv[0], kv[1].replaceAll("^\"|\"$", ""));
            }
        }
        launcher.environment().put("HOME", root + field(passwd, NAME, 5));
        return GatewayRig.launch(launcher, log);
    }

    /** The package again with a higher version, as the next release would be. */
    private Path newerVersion(Path work) throws Exception {
        Path tree = Files.createDirectories(work).resolve("tree");
        run("dpkg-deb", "-R", deb.toString(), tree.toString());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^(Version: .*)$", "$1+upgrade1"));
        Path newer = work.resolve("newer.deb");
        run("dpkg-deb", "--root-owner-group", "-b", tree.toString(), newer.toString());
        return newer;
    }

    private static void dpkg(Path root, Path deb) throws Exception {
        // the scratch root has no Java package and no shell of its own: scripts run here, with DPKG_ROOT
        run("dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends", "--force-confold",
                "--log=/dev/null", "-i", deb.toString());
    }

    private static void stop(Process gateway) throws InterruptedException {
        gateway.destroy();
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
        return out.strip();
    }

    private static String field(String passwd, String name, int index) {
        return passwd.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow().split(":")[index];
    }

    private static Map<String, List<String>> unit(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("["))
                .map(l -> l.split("=", 2)).collect(Collectors.groupingBy(kv -> kv[0], LinkedHashMap::new,
                        Collectors.mapping(kv -> kv[1], Collectors.toList())));
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
