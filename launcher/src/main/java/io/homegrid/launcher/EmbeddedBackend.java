package io.homegrid.launcher;

import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Supplier;

import javax.websocket.server.ServerEndpointConfig;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.cxf.Bus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.homegrid.bus.BusService;
import io.homegrid.bus.BusSettings;
import io.homegrid.cep.CepService;
import io.homegrid.launcher.internal.DatabaseSupervisor;
import io.homegrid.launcher.internal.EmbeddedThreads;
import io.homegrid.launcher.internal.EmbeddedTls;
import io.homegrid.launcher.internal.JsonJettyErrors;
import io.homegrid.launcher.internal.Resources;
import io.homegrid.launcher.internal.TlsMaterial;
import io.homegrid.persistence.PersistenceConnector;
import io.homegrid.persistence.PersistenceService;
import io.homegrid.launcher.internal.EmbeddedLiveSocket;
import io.homegrid.replay.ReplayClient;
import io.homegrid.sharing.SharingService;
import io.homegrid.replay.ReplayService;
import io.homegrid.replay.ReplaySettings;
import io.homegrid.routes.parser.ParserService;
import io.homegrid.routes.rest.HealthCheck;
import io.homegrid.routes.rest.HealthChecks;
import io.homegrid.routes.rest.RestDependencies;
import io.homegrid.routes.rest.HttpTransportSetup;
import io.homegrid.routes.rest.RestService;
import io.homegrid.security.AccessService;
import io.homegrid.sql.SchemaMigrator;

/**
 * The whole backend in one JVM: the same service entry points the DS components call in Karaf
 * (bus, schema, persistence, CEP, parser, REST), started in order with the embedded mode's
 * settings. Nothing here adds behaviour of its own.
 */
public final class EmbeddedBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackend.class);

    private final Resources resources;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final PersistenceService persistence;
    private final CepService cep;
    private final ReplayService replay;
    private final AccessService access;
    private final TlsMaterial tls;
    private final int port;

    private EmbeddedBackend(Resources resources, String jdbcUrl, String jdbcUser, String jdbcPassword,
            PersistenceService persistence,
            CepService cep, ReplayService replay, AccessService access, TlsMaterial tls, int port) {
        this.replay = replay;
        this.access = access;
        this.tls = tls;
        this.port = port;
        this.resources = resources;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.persistence = persistence;
        this.cep = cep;
    }

    public static EmbeddedBackend start(BackendConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        Resources resources = new Resources();
        try {
            Files.createDirectories(config.dataDir());
            String url = config.jdbcUrl();
            String user = config.jdbcUser();
            String password = config.jdbcPassword();
            DatabaseSupervisor database = null;
            if (url == null) {
                database = resources.add("PostgreSQL", DatabaseSupervisor.start(config.dataDir().resolve("postgres")));
                url = database.jdbcUrl();
                user = database.user();
                password = database.password();
            }
            HikariDataSource dataSource = resources.add("connection pool", pool(url, user, password));
            SchemaMigrator.migrate(dataSource);
            AccessService access = AccessService.start(config.access(), dataSource, clock);

            BusSettings busSettings = config.broker() != null ? config.broker().bus()
                    : BusSettings.embedded("homegrid-" + config.port(), config.dataDir().resolve("broker"),
                            config.brokerPorts());
            BusService bus = resources.add("bus", BusService.start(busSettings, access.brokerClients()));
            PersistenceService persistence = resources.add("persistence",
                    PersistenceService.start(config.persistence(), bus.plain(), dataSource, clock));
            CepService cep = resources.add("CEP", CepService.start(config.cep(), bus.plain(), dataSource, clock));
            ReplayService replay = resources.add("Replay Control", ReplayService.start(ReplaySettings.DEFAULT, bus.plain(), dataSource, clock));
            SharingService sharing = resources.add("data sharing", SharingService.start(config.sharing(), bus.plain(),
                    dataSource, access.access().directory(), clock));
            ParserService parser = resources.add("parser",
                    ParserService.start(config.parser(), new DefaultCamelContext(), bus.pooled(), clock));
            PersistenceConnector connector = persistence.connector();
            HealthCheck pool = HealthChecks.database(dataSource);
            TlsMaterial tls = config.tls();
            resources.add("REST API", RestService.start(config.rest(), new RestDependencies(bus.pooled(),
                    database == null ? pool : database.health(pool), persistence.repository(), connector, cep.admin(),
                    access.access(), parser::camel, () -> connector, new ReplayClient(dataSource, bus.pooled(), clock),
                    () -> bus, sharing), clock,
                    new HttpTransportSetup() {
                        @Override
                        public void prepare(Bus cxf) {
                            EmbeddedTls.configure(cxf, config.port(), tls);
                            EmbeddedThreads.configure(cxf, config.rest().requests().serverThreads(), config.port(),
                                    config.httpPort());
                        }

                        @Override
                        public boolean servesWebSockets() {
                            return true;
                        }

                        @Override
                        public void liveSocket(Bus cxf, Supplier<ServerEndpointConfig> endpoint) {
                            EmbeddedLiveSocket.install(cxf, endpoint.get(), config.port(), config.httpPort());
                        }

                        @Override
                        public void started(Bus cxf) {
                            JsonJettyErrors.install(cxf, config.port(), config.httpPort());
                        }
                    }));
            return new EmbeddedBackend(resources, url, user, password, persistence, cep, replay, access, tls,
                    config.port());
        } catch (Exception | Error e) {
            resources.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("homegrid");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(8);
        // Fail a request (503) in seconds rather than hang it while the database is away.
        pool.setConnectionTimeout(5_000);
        return new HikariDataSource(pool);
    }

    /** Access control: the directory, authentication, the first operator's generated password if any. */
    public AccessService access() {
        return access;
    }

    /** The key and certificate HTTPS is served with: clients pin {@link TlsMaterial#fingerprint()}. */
    public TlsMaterial tls() {
        return tls;
    }

    /** {@code https://localhost:port}, for clients on this machine. */
    public String baseUrl() {
        return "https://localhost:" + port;
    }

    public CepService cep() {
        return cep;
    }

    public ReplayService replay() {
        return replay;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    /** The embedded database's generated password, or the configured one; never printed. */
    public String jdbcPassword() {
        return jdbcPassword;
    }

    public PersistenceConnector persistence() {
        return persistence.connector();
    }

    @Override
    public void close() {
        LOG.info("Stopping the backend");
        resources.close();
    }
}
