package io.homegrid.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.homegrid.gateway.api.InstallerCredential;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.launcher.internal.Foreground;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./homegrid gateway}: the home gateway, embedded, until Ctrl-C. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the home gateway: read the XBee radio, cache every reading, push to the backend.")
final class GatewayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", required = true, description = "the backend, e.g. https://localhost:8080")
    private URI backend;

    @Option(names = "--xbee", required = true, description = "the radio: tcp://host:port (simulator) or a serial port, e.g. /dev/ttyUSB0")
    private String radio;

    @Option(names = "--id", defaultValue = PushSettings.DEFAULT_GATEWAY,
            description = "this gateway's identifier (default: ${DEFAULT-VALUE})")
    private String id;

    @Option(names = "--data-dir", defaultValue = "data-gateway", description = "where the reading cache lives (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--port", defaultValue = "8090", description = "local REST API port, 0 for none (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--local-host", defaultValue = GatewayConfig.DEFAULT_LOCAL_HOST,
            description = "address of the local REST API; it switches plugs (with the installer password in the data directory), so only this machine by default (default: ${DEFAULT-VALUE})")
    private String localHost;

    @Option(names = "--backlog-rate", defaultValue = "" + PushSettings.DEFAULT_BACKLOG_RATE,
            description = "readings/s sent from the backlog after an outage, on top of live data (default: ${DEFAULT-VALUE})")
    private int backlogRate;

    @Option(names = "--backend-fingerprint", description = "SHA-256 fingerprint of the backend's certificate, as the backend prints it (default: trust the JVM's CAs)")
    private String backendFingerprint;

    @Option(names = "--secret-file", description = "file holding the secret the backend answered when this gateway was registered")
    private Path secretFile;

    @Override
    public Integer call() throws Exception {
        EmbeddedGateway gateway = EmbeddedGateway.start(GatewayConfig.of(id, backend, radio, dataDir.toAbsolutePath(), port)
                .withLocalHost(localHost).withBacklogRate(backlogRate).withSecret(secret())
                .withBackendFingerprint(backendFingerprint));
        spec.commandLine().getOut().printf("homegrid gateway %s ready: radio %s, backend %s%s%nPress Ctrl-C to stop.%n", id,
                radio, backend, port > 0 ? ", local API http://localhost:" + port + "/api/v1/devices (switching asks for user "
                        + "installer, password in " + dataDir.toAbsolutePath().resolve(InstallerCredential.FILE) + ")" : "");
        spec.commandLine().getOut().flush();
        Foreground.runUntilStopped("homegrid-gateway", gateway);
        return 0;
    }

    private String secret() throws IOException {
        if (secretFile == null) {
            spec.commandLine().getErr().println("No --secret-file: the backend will refuse this gateway until it has its secret");
            return null;
        }
        String secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--secret-file " + secretFile + " is empty");
        }
        return secret;
    }
}
