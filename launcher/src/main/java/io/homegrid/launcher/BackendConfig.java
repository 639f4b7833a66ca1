package io.homegrid.launcher;

import java.nio.file.Path;

import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.cep.CepSettings;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.routes.rest.PushSettings;

/**
 * What {@code ./homegrid backend} starts.
 *
 * @param jdbcUrl           external PostgreSQL, or null for the embedded one under {@code dataDir}
 * @param brokerPorts       protocols the broker also serves on 127.0.0.1 (OpenWire, MQTT, STOMP)
 * @param pausePersistence  start with the persistence connector stopped: readings wait in the
 *                          broker (maintenance, and the durability test)
 */
public record BackendConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
        EmbeddedBroker.Ports brokerPorts, boolean pausePersistence, int parserConsumers, PersistenceSettings persistence,
        PushSettings push, CepSettings cep) {

    public static BackendConfig defaults(int port, Path dataDir) {
        return new BackendConfig("0.0.0.0", port, dataDir, null, null, null, EmbeddedBroker.Ports.NONE, false, 2,
                PersistenceSettings.DEFAULT, PushSettings.DEFAULT, CepSettings.DEFAULT);
    }

    public BackendConfig withPausePersistence(boolean paused) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, paused,
                parserConsumers, persistence, push, cep);
    }

    public BackendConfig withJdbc(String url, String user, String password) {
        return new BackendConfig(host, port, dataDir, url, user, password, brokerPorts, pausePersistence,
                parserConsumers, persistence, push, cep);
    }

    public BackendConfig withBrokerPorts(EmbeddedBroker.Ports ports) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, ports, pausePersistence,
                parserConsumers, persistence, push, cep);
    }
}
