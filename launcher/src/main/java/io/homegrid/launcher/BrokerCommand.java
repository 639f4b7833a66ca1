package io.homegrid.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.BusService;
import io.homegrid.bus.BusSettings;
import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.bus.OutsideClients;
import io.homegrid.launcher.internal.Foreground;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./homegrid broker}: the ActiveMQ broker several backend instances share (issue 18), on
 * 127.0.0.1. Two of them on the same {@code --data-dir} are a shared-store pair: the first holds
 * the store's lock and serves, the second waits for the lock and takes over when the first dies;
 * the instances reach whichever serves through a {@code failover:} URL naming both ports.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run the ActiveMQ broker that several backend instances share (./homegrid backend --broker-url).")
final class BrokerCommand implements Callable<Integer> {

    /** Printed once the broker serves; scripts and tests wait for it. */
    static final String READY = "homegrid broker ready";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "61616", description = "OpenWire port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--data-dir", defaultValue = "data-broker", description = "the broker's store; a second broker on the same one is its standby (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--password-file", description = "the services user's password, made (owner-only) when missing (default: <data-dir>/services.password)")
    private Path passwordFile;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        Path password = passwordFile != null ? passwordFile : dataDir.resolve("services.password");
        BusCredentials services = new BusCredentials(BusSettings.DEFAULT_SERVICES_USER, loadOrCreate(password));
        spec.commandLine().getOut().printf("broker     waiting for the store's lock in %s (a standby waits here)%n",
                dataDir.toAbsolutePath());
        spec.commandLine().getOut().flush();
        BusService broker = BusService.start(BusSettings.embedded("homegrid-broker", dataDir.resolve("broker"),
                new EmbeddedBroker.Ports(port, 0, 0)).withServices(services), OutsideClients.NONE);
        spec.commandLine().getOut().printf("broker     tcp://127.0.0.1:%d, services user %s, password in %s%n%s%n", port,
                services.user(), password.toAbsolutePath(), READY);
        spec.commandLine().getOut().flush();
        Foreground.runUntilStopped("homegrid-broker", broker);
        return 0;
    }

    private static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String secret = BusCredentials.generated(BusSettings.DEFAULT_SERVICES_USER).password();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret);
        return secret;
    }
}
