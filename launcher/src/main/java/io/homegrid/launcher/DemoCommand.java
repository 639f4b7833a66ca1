package io.homegrid.launcher;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.internal.DemoHousehold;
import io.homegrid.launcher.internal.Foreground;
import io.homegrid.launcher.internal.Resources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./homegrid demo}: backend, a gateway and simulated plugs, all embedded. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a backend, one gateway and a simulated home of smart plugs, in one JVM.")
final class DemoCommand implements Callable<Integer> {

    static final String READY = "homegrid demo ready";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "backend HTTP port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--gateway-port", defaultValue = "8090", description = "the gateway's local API port (default: ${DEFAULT-VALUE})")
    private int gatewayPort;

    @Option(names = "--data-dir", defaultValue = "data-demo", description = "backend and gateway data (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--plugs", defaultValue = "15", description = "simulated smart plugs (default: ${DEFAULT-VALUE})")
    private int plugs;

    @Override
    public Integer call() throws Exception {
        Path directory = dataDir.toAbsolutePath();
        Resources resources = new Resources();
        try {
            EmbeddedBackend backend = resources.add("backend",
                    EmbeddedBackend.start(BackendConfig.defaults(port, directory.resolve("backend"))));
            DemoHousehold.Setup demo = DemoHousehold.ensure(backend.access().access(), directory);
            XBeeSimulator simulator = resources.add("simulator", XBeeSimulator.start(SimulatorConfig.of(0, plugs)));
            resources.add("gateway", EmbeddedGateway.start(GatewayConfig.of(DemoHousehold.GATEWAY,
                    URI.create(backend.baseUrl()), "tcp://localhost:" + simulator.port(), directory.resolve("gateway"),
                    gatewayPort).withSecret(demo.gatewaySecret()).withBackendFingerprint(backend.tls().fingerprint())));
            printReady(spec.commandLine().getOut(), simulator.port(), backend, demo);
        } catch (Exception | Error e) {
            resources.close();
            throw e;
        }
        Foreground.runUntilStopped("homegrid-demo", resources);
        return 0;
    }

    private void printReady(PrintWriter out, int simulatorPort, EmbeddedBackend backend, DemoHousehold.Setup demo) {
        String base = backend.baseUrl();
        String login = "--cacert " + backend.tls().certificateFile() + " -u " + DemoHousehold.RESIDENT + ":$(cat "
                + demo.passwordFile() + ")";
        out.println(READY + ": " + plugs + " simulated plugs -> gateway " + DemoHousehold.GATEWAY
                + " -> backend (readings every 2 s)");
        out.println("  dashboard    " + base + "/ (log in as '" + DemoHousehold.RESIDENT + "', password in "
                + demo.passwordFile() + "; the certificate is " + backend.tls().certificateFile() + ")");
        out.println("  log in       resident '" + DemoHousehold.RESIDENT + "' of household " + demo.household()
                + ", password in " + demo.passwordFile());
        backend.access().generatedAdminPassword().ifPresent(password ->
                // Shown once, to whoever started the demo; it is never logged.
                out.println("  operator     user admin, password " + password + " (first start only; also in "
                        + directory().resolve("backend").resolve("admin.password") + ")"));
        out.println("  gateways     curl " + login + " " + base + "/api/v1/gateways");
        out.println("  devices      curl " + login + " " + base + "/api/v1/gateways/" + DemoHousehold.GATEWAY + "/devices");
        out.println("  a plug       curl " + login + " '" + base
                + "/api/v1/devices/0013A20041000001/readings?sensor=power&bucket=1m'");
        out.println("  switch it    curl " + login + " -X POST " + base + "/api/v1/devices/0013A20041000001/relay "
                + "-H 'Content-Type: application/json' -d '{\"on\":false}'");
        out.println("  health       " + base + "/health (certificate SHA-256 " + backend.tls().fingerprint() + ")");
        out.println("  gateway API  http://localhost:" + gatewayPort + "/api/v1/devices");
        out.println("  simulator    tcp://localhost:" + simulatorPort + " (XBee API frames)");
        out.println("  data         " + directory());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private Path directory() {
        return dataDir.toAbsolutePath();
    }
}
