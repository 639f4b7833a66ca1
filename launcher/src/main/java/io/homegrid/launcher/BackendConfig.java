package io.homegrid.launcher;

import io.homegrid.sharing.SharingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.cep.CepSettings;
import io.homegrid.launcher.internal.TlsMaterial;
import io.homegrid.model.validation.Limits;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.routes.parser.ParserSettings;
import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.routes.rest.RestSettings;
import io.homegrid.security.AccessSettings;

/**
 * What {@code ./homegrid backend} starts. The services' own settings records hold every default;
 * this adds only what the embedded mode decides itself (where it listens and keeps its data).
 * The ingest limits are held once and handed to both the push interface and the parser.
 *
 * @param jdbcUrl           external PostgreSQL, or null for the embedded one under {@code dataDir}
 * @param brokerPorts       protocols the broker also serves on 127.0.0.1 (OpenWire, MQTT, STOMP)
 * @param broker            the broker this instance shares with others; null: a broker of its own, embedded
 * @param httpPort          plain HTTP on 127.0.0.1 besides HTTPS on {@code port}; 0: none
 * @param tlsKeyStore       a PKCS#12 key store to serve HTTPS with; null: a self-signed one under {@code dataDir/tls}
 * @param tlsPasswordFile   the file holding that key store's password
 * @param requests          how much of the server one caller may take, and its threads
 * @param maxIngestLagSeconds readings pushes wait (503) while ingest lags more than this
 */
public record BackendConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
        EmbeddedBroker.Ports brokerPorts, Limits limits, int maxBodyBytes, int maxIngestLagSeconds, int parserConsumers,
        PersistenceSettings persistence, CepSettings cep, int httpPort, Path tlsKeyStore, Path tlsPasswordFile,
        RequestLimits requests, SharingSettings sharing, SharedBroker broker) {

    public static final String DEFAULT_HOST = "0.0.0.0";

    public static BackendConfig defaults(int port, Path dataDir) {
        return new BackendConfig(DEFAULT_HOST, port, dataDir, null, null, null, EmbeddedBroker.Ports.NONE, Limits.DEFAULT,
                PushSettings.DEFAULT_MAX_BODY_BYTES, PushSettings.DEFAULT_MAX_INGEST_LAG_SECONDS, ParserSettings.DEFAULT_CONSUMERS, PersistenceSettings.DEFAULT,
                CepSettings.DEFAULT, 0, null, null, RequestLimits.DEFAULT, SharingSettings.DEFAULT, null);
    }

    /** Tokens and the first operator; a generated first password is kept beside the data. */
    public AccessSettings access() {
        return AccessSettings.in(dataDir);
    }

    public ParserSettings parser() {
        return new ParserSettings(parserConsumers, limits);
    }

    public RestSettings rest() {
        PushSettings push = PushSettings.of(maxBodyBytes, limits).withMaxIngestLagSeconds(maxIngestLagSeconds);
        return RestSettings.onPort(host, port, push).withLoopbackHttp(httpPort)
                .withRequests(requests);
    }

    /** The backend's TLS key: the configured key store, or the self-signed one kept in the data directory. */
    public TlsMaterial tls() {
        if (tlsKeyStore == null) {
            return TlsMaterial.selfSigned(dataDir.resolve("tls"));
        }
        try {
            return TlsMaterial.load(tlsKeyStore, Files.readString(tlsPasswordFile).strip(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS key store password from " + tlsPasswordFile, e);
        }
    }

    public BackendConfig withHttpPort(int loopbackPort) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, limits, maxBodyBytes, maxIngestLagSeconds,
                parserConsumers, persistence, cep, loopbackPort, tlsKeyStore, tlsPasswordFile, requests, sharing, broker);
    }

    public BackendConfig withMaxIngestLagSeconds(int seconds) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, limits, maxBodyBytes, seconds,
                parserConsumers, persistence, cep, httpPort, tlsKeyStore, tlsPasswordFile, requests, sharing, broker);
    }

    public BackendConfig withPausePersistence(boolean paused) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, limits, maxBodyBytes, maxIngestLagSeconds,
                parserConsumers, persistence.withPaused(paused), cep, httpPort, tlsKeyStore, tlsPasswordFile, requests, sharing, broker);
    }

    public BackendConfig withJdbc(String url, String user, String password) {
        return new BackendConfig(host, port, dataDir, url, user, password, brokerPorts, limits, maxBodyBytes, maxIngestLagSeconds,
                parserConsumers, persistence, cep, httpPort, tlsKeyStore, tlsPasswordFile, requests, sharing, broker);
    }

    /**
     * Several backend instances on one broker (issue 18): this one embeds none and connects to
     * {@code broker}, whose services user it logs in as.
     */
    public BackendConfig withSharedBroker(SharedBroker shared) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, limits, maxBodyBytes,
                maxIngestLagSeconds, parserConsumers, persistence, cep, httpPort, tlsKeyStore, tlsPasswordFile, requests,
                sharing, shared);
    }

    public BackendConfig withBrokerPorts(EmbeddedBroker.Ports ports) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, ports, limits, maxBodyBytes, maxIngestLagSeconds,
                parserConsumers, persistence, cep, httpPort, tlsKeyStore, tlsPasswordFile, requests, sharing, broker);
    }

    public BackendConfig withSharing(SharingSettings settings) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, limits, maxBodyBytes, maxIngestLagSeconds,
                parserConsumers, persistence, cep, httpPort, tlsKeyStore, tlsPasswordFile, requests, settings, broker);
    }

    public BackendConfig withRequests(RequestLimits limits) {
        return new BackendConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, brokerPorts, this.limits, maxBodyBytes, maxIngestLagSeconds,
                parserConsumers, persistence, cep, httpPort, tlsKeyStore, tlsPasswordFile, limits, sharing, broker);
    }
}
