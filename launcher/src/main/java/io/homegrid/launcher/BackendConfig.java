package io.homegrid.launcher;

import java.nio.file.Path;

import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.routes.rest.PushSettings;

/**
 * What {@code ./homegrid backend} starts.
 *
 * @param jdbcUrl           external PostgreSQL, or null for the embedded one under {@code dataDir}
 * @param brokerPort        also expose the broker on 127.0.0.1:port over OpenWire; 0 for none
 * @param pausePersistence  start with the persistence connector stopped: readings wait in the
 *                          broker (maintenance, and the durability test)
 */
public record BackendConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
        int brokerPort, boolean pausePersistence, int parserConsumers, PersistenceSettings persistence,
        PushSettings push) {

    public static BackendConfig defaults(int port, Path dataDir) {
        return new BackendConfig("0.0.0.0", port, dataDir, null, null, null, 0, false, 2, PersistenceSettings.DEFAULT,
                PushSettings.DEFAULT);
    }

    public BackendConfig withPausePersistence(boolean paused) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPort, paused,
                parserConsumers, persistence, push);
    }

    public BackendConfig withJdbc(String url, String user, String password) {
        return new BackendConfig(host, port, dataDir, url, user, password, brokerPort, pausePersistence,
                parserConsumers, persistence, push);
    }
}
