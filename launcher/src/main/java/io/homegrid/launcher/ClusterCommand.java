package io.homegrid.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.homegrid.launcher.cluster.Cluster;
import io.homegrid.launcher.cluster.ClusterSettings;
import io.homegrid.launcher.internal.Foreground;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./homegrid cluster}: several backend instances on one machine behind one HTTPS entry, until Ctrl-C. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run several backend instances on this machine behind HAProxy: one shared broker, one PostgreSQL.")
final class ClusterCommand implements Callable<Integer> {

    /** Printed once the entry answers; scripts and tests wait for it. */
    static final String READY = "homegrid cluster ready";

    @Spec
    private CommandSpec spec;

    @Option(names = "--instances", defaultValue = "" + ClusterSettings.DEFAULT_INSTANCES, description = "backend instances (default: ${DEFAULT-VALUE})")
    private int instances;

    @Option(names = "--port", defaultValue = "" + ClusterSettings.DEFAULT_ENTRY_PORT, description = "the HTTPS entry (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--data-dir", defaultValue = "data-cluster", description = "broker store, database, each instance's data, logs (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        ClusterSettings settings;
        try {
            settings = new ClusterSettings(instances, port, dataDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Cluster cluster = Cluster.start(settings);
        var out = spec.commandLine().getOut();
        out.println(READY);
        out.println("  entry      " + cluster.entryUrl() + " (HAProxy) certificate SHA-256 " + cluster.tls().fingerprint()
                + " (curl --cacert " + cluster.tls().certificateFile() + ")");
        for (int i = 0; i < cluster.instances().size(); i++) {
            out.println("  " + cluster.instances().get(i).name() + " " + cluster.instanceUrl(i) + ", log "
                    + dataDir.toAbsolutePath().resolve(cluster.instances().get(i).name() + ".log"));
        }
        out.println("  operator   user admin, password in " + dataDir.toAbsolutePath().resolve("instance-1/admin.password"));
        out.flush();
        Foreground.runUntilStopped("homegrid-cluster", cluster);
        return 0;
    }
}
