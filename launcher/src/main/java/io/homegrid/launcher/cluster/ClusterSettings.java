package io.homegrid.launcher.cluster;

import java.nio.file.Path;

/**
 * A cluster on one machine for a try-out or a test: how many backend instances, the entry's port,
 * where everything keeps its data. The one home of the cluster's defaults.
 *
 * @param instances backend instances behind the entry, at least 1
 * @param entryPort the HTTPS entry (HAProxy)
 * @param dataDir   the broker's store, each instance's data, the database, the certificate
 */
public record ClusterSettings(int instances, int entryPort, Path dataDir) {

    public static final int DEFAULT_INSTANCES = 3;
    public static final int DEFAULT_ENTRY_PORT = 8080;

    public ClusterSettings {
        if (instances < 1 || instances > 16) {
            throw new IllegalArgumentException("--instances must be from 1 to 16; was " + instances);
        }
    }
}
