package io.homegrid.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.cep.CepSettings;
import io.homegrid.launcher.internal.Foreground;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.routes.parser.ParserSettings;
import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.security.AccessSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./homegrid backend}: the whole backend, embedded, until Ctrl-C. */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = "Run the backend in one JVM: ActiveMQ, PostgreSQL (embedded unless --jdbc-url), the parser, "
                + "the persistence connector, the CEP engine and the REST API.")
final class BackendCommand implements Callable<Integer> {

    /** Printed once everything is up; scripts and tests wait for it. */
    static final String READY = "homegrid backend ready";

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTPS port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--http-port", defaultValue = "0", description = "also serve plain HTTP, on 127.0.0.1 only (default: off)")
    private int httpPort;

    @Option(names = "--tls-keystore", description = "PKCS#12 key store to serve HTTPS with (default: a self-signed certificate made in the data directory)")
    private Path tlsKeyStore;

    @Option(names = "--tls-password-file", description = "file holding the --tls-keystore password")
    private Path tlsPasswordFile;

    @Option(names = "--host", defaultValue = BackendConfig.DEFAULT_HOST, description = "address to listen on (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--data-dir", defaultValue = "data", description = "broker store and embedded PostgreSQL data, kept across restarts (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--jdbc-url", description = "use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://db:5432/homegrid")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres", description = "database user (default: ${DEFAULT-VALUE})")
    private String jdbcUser;

    @Option(names = "--jdbc-password", description = "database password (or set HOMEGRID_JDBC_PASSWORD)")
    private String jdbcPassword;

    @Option(names = "--broker-port", defaultValue = "0", description = "also accept OpenWire clients on 127.0.0.1:PORT (default: off)")
    private int brokerPort;

    @Option(names = "--mqtt-port", defaultValue = "0", description = "serve cep.out (topic cep/out) to MQTT clients on 127.0.0.1:PORT (default: off)")
    private int mqttPort;

    @Option(names = "--stomp-port", defaultValue = "0", description = "serve cep.out to STOMP clients on 127.0.0.1:PORT (default: off)")
    private int stompPort;

    @Option(names = "--parser-consumers", defaultValue = "" + ParserSettings.DEFAULT_CONSUMERS, description = "concurrent Sensor Data Parser consumers (default: ${DEFAULT-VALUE})")
    private int parserConsumers;

    @Option(names = "--cep-lateness", defaultValue = "" + CepSettings.DEFAULT_LATENESS_SECONDS, description = "seconds the CEP engine waits for out-of-order readings before it moves a household's event time past them; later readings are not evaluated (default: ${DEFAULT-VALUE})")
    private int cepLatenessSeconds;

    @Option(names = "--live-streams-per-identity", defaultValue = "" + RequestLimits.DEFAULT_LIVE_STREAMS_PER_IDENTITY, description = "live streams one identity may hold open; 429 beyond (default: ${DEFAULT-VALUE})")
    private int liveStreamsPerIdentity;

    @Option(names = "--command-polls-per-gateway", defaultValue = "" + RequestLimits.DEFAULT_COMMAND_POLLS_PER_GATEWAY, description = "command polls one gateway may hold open; 429 beyond (default: ${DEFAULT-VALUE})")
    private int commandPollsPerGateway;

    @Option(names = "--requests-per-second", defaultValue = "" + RequestLimits.DEFAULT_REQUESTS_PER_SECOND, description = "requests a second one gateway or application may make on average; 429 with Retry-After beyond (default: ${DEFAULT-VALUE})")
    private int requestsPerSecond;

    @Option(names = "--request-burst", defaultValue = "" + RequestLimits.DEFAULT_REQUEST_BURST, description = "requests one gateway or application may make at once (default: ${DEFAULT-VALUE})")
    private int requestBurst;

    @Option(names = "--held-requests", defaultValue = "" + RequestLimits.DEFAULT_HELD_REQUESTS, description = "live streams and command polls held open in all; 429 beyond. The server gets this many threads and "
            + RequestLimits.THREADS_BESIDE_HELD_REQUESTS + " more (default: ${DEFAULT-VALUE})")
    private int heldRequests;

    @Option(names = "--max-ingest-lag", defaultValue = "" + PushSettings.DEFAULT_MAX_INGEST_LAG_SECONDS, description = "seconds the readings being stored may lag behind their push before readings pushes are answered 503 with Retry-After (default: ${DEFAULT-VALUE})")
    private int maxIngestLagSeconds;

    @Option(names = "--raw-retention-days", defaultValue = "" + PersistenceSettings.DEFAULT_RAW_RETENTION_DAYS, description = "days raw readings are kept, then their day partitions are dropped; 0 keeps them for ever. Minute, hour and day rollups are always kept (default: ${DEFAULT-VALUE})")
    private int rawRetentionDays;

    @Option(names = "--broker-url", description = "share this broker with other backend instances (./homegrid broker) instead of embedding one, e.g. failover:(tcp://localhost:61616)")
    private String brokerUrl;

    @Option(names = "--broker-password-file", description = "file holding the shared broker's services password (with --broker-url)")
    private Path brokerPasswordFile;

    @Option(names = "--pause-persistence", description = "start with the persistence connector stopped; readings wait in the broker")
    private boolean pausePersistence;

    @Override
    public Integer call() throws Exception {
        BackendConfig defaults = BackendConfig.defaults(port, dataDir.toAbsolutePath());
        String password = jdbcPassword != null ? jdbcPassword : System.getenv("HOMEGRID_JDBC_PASSWORD");
        BackendConfig config = new BackendConfig(host, port, defaults.dataDir(), jdbcUrl, jdbcUrl == null ? null : jdbcUser,
                password, new EmbeddedBroker.Ports(brokerPort, mqttPort, stompPort), defaults.limits(),
                defaults.maxBodyBytes(), maxIngestLagSeconds, parserConsumers, persistence(defaults.persistence()),
                cep(defaults.cep()), httpPort, tlsKeyStore, tlsPasswordFile, requests(), defaults.sharing(), null);
        if (tlsKeyStore != null && tlsPasswordFile == null) {
            throw new ParameterException(spec.commandLine(), "--tls-keystore needs --tls-password-file");
        }
        if (brokerUrl != null) {
            if (brokerPasswordFile == null) {
                throw new ParameterException(spec.commandLine(), "--broker-url needs --broker-password-file");
            }
            config = config.withSharedBroker(SharedBroker.at(brokerUrl, brokerPasswordFile));
        }
        EmbeddedBackend backend = EmbeddedBackend.start(config);
        printReady(spec.commandLine().getOut(), config, backend);
        Foreground.runUntilStopped("homegrid-backend", backend);
        return 0;
    }

    private PersistenceSettings persistence(PersistenceSettings defaults) {
        try {
            return defaults.withPaused(pausePersistence).withRawRetentionDays(rawRetentionDays);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--raw-retention-days: " + e.getMessage());
        }
    }

    private RequestLimits requests() {
        try {
            return new RequestLimits(liveStreamsPerIdentity, commandPollsPerGateway, requestsPerSecond, requestBurst,
                    heldRequests);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private CepSettings cep(CepSettings defaults) {
        if (cepLatenessSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--cep-lateness must be 0 or more seconds");
        }
        return defaults.withLateness(Duration.ofSeconds(cepLatenessSeconds));
    }

    private static void printReady(PrintWriter out, BackendConfig config, EmbeddedBackend backend) {
        String base = "https://" + (BackendConfig.DEFAULT_HOST.equals(config.host()) ? "localhost" : config.host()) + ":" + config.port();
        out.println(READY);
        out.println("  https      " + base + " certificate SHA-256 " + backend.tls().fingerprint()
                + (backend.tls().certificateFile() == null ? "" : " (curl --cacert " + backend.tls().certificateFile() + ")"));
        if (config.httpPort() > 0) {
            out.println("  http       http://127.0.0.1:" + config.httpPort() + " (plain, this machine only)");
        }
        backend.access().generatedAdminPassword().ifPresent(password ->
                // Shown once, to whoever started the backend; it is never logged.
                out.println("  operator   user admin, password " + password + " (first start only; also in "
                        + config.dataDir().resolve(AccessSettings.ADMIN_PASSWORD_FILE) + ", owner-only)"));
        out.println("  log in     POST " + base + "/api/v1/auth/token {\"username\":…,\"password\":…}");
        out.println("  push       POST " + base + "/api/v1/gateways/{gatewayId}/readings");
        out.println("  query      " + base + "/api/v1/gateways");
        out.println("  health     " + base + "/health");
        out.println("  database   " + backend.jdbcUrl() + (config.jdbcUrl() == null
                ? " (embedded, user postgres, data in " + config.dataDir().resolve("postgres")
                + ", password in " + config.dataDir().resolve("postgres.password") + ")" : ""));
        EmbeddedBroker.Ports ports = config.brokerPorts();
        out.println("  broker     store in " + config.dataDir().resolve("broker")
                + (ports.openWire() > 0 ? ", tcp://127.0.0.1:" + ports.openWire() : "")
                + (ports.mqtt() > 0 ? ", mqtt://127.0.0.1:" + ports.mqtt() + " (mosquitto_sub -p " + ports.mqtt()
                        + " -u <user or client id> -P … -t cep/out; or -u Bearer -P <token>)" : "")
                + (ports.stomp() > 0 ? ", stomp://127.0.0.1:" + ports.stomp() : ""));
        out.println("  live       " + base + "/api/v1/live (Server-Sent Events of CEP outputs)");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
