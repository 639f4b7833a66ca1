package io.homegrid.launcher;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.apache.activemq.pool.PooledConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.homegrid.bus.BusConnections;
import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.cep.CepService;
import io.homegrid.launcher.internal.DatabaseSupervisor;
import io.homegrid.launcher.internal.Resources;
import io.homegrid.persistence.PersistenceConnector;
import io.homegrid.persistence.SensorDataRepositories;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.routes.rest.HealthCheck;
import io.homegrid.routes.rest.HealthChecks;
import io.homegrid.routes.rest.JmsBusPublisher;
import io.homegrid.routes.parser.ParserRoutes;
import io.homegrid.routes.rest.RestApi;
import io.homegrid.routes.rest.RestServer;
import io.homegrid.sql.SchemaMigrator;

/**
 * The whole backend in one JVM, wired by hand from the same classes Karaf wires with
 * Declarative Services: broker, database, schema, Persistence Connector, parser route, REST API.
 */
public final class EmbeddedBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackend.class);
    private static final String JMS = "jms";

    private final Resources resources;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final PersistenceConnector connector;
    private final CepService cep;

    private EmbeddedBackend(Resources resources, String jdbcUrl, String jdbcUser, PersistenceConnector connector,
            CepService cep) {
        this.resources = resources;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.connector = connector;
        this.cep = cep;
    }

    public CepService cep() {
        return cep;
    }

    public static EmbeddedBackend start(BackendConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        Resources resources = new Resources();
        try {
            Files.createDirectories(config.dataDir());
            String url = config.jdbcUrl();
            String user = config.jdbcUser();
            DatabaseSupervisor database = null;
            if (url == null) {
                database = resources.add("PostgreSQL",
                        DatabaseSupervisor.start(config.dataDir().resolve("postgres")));
                url = database.jdbcUrl();
                user = database.user();
            }
            HikariDataSource dataSource = resources.add("connection pool", pool(url, user, config.jdbcPassword()));
            SchemaMigrator.migrate(dataSource);

            EmbeddedBroker broker = resources.add("broker", EmbeddedBroker.start("homegrid-" + config.port(),
                    config.dataDir().resolve("broker"), config.brokerPorts(), PersistenceConnector.readingsQueue(),
                    CepService.readingsQueue(), PersistenceConnector.cepQueue()));
            PooledConnectionFactory pooled = BusConnections.pooled(broker.connectionFactory(), 4);
            resources.add("JMS pool", pooled::stop);

            EntityManagerFactory jpa = SensorDataRepositories.openPersistenceUnit(dataSource);
            resources.add("persistence unit", jpa::close);
            SensorDataRepository repository = SensorDataRepositories.create(dataSource, jpa);
            PersistenceConnector connector = resources.add("persistence connector", new PersistenceConnector(
                    broker.connectionFactory(), dataSource, jpa, config.persistence(), clock));
            if (config.pausePersistence()) {
                LOG.warn("Persistence connector paused: readings wait in the broker until a start without --pause-persistence");
            } else {
                connector.start();
            }

            CepService cep = resources.add("CEP", new CepService(broker.connectionFactory(), dataSource, config.cep(), clock));
            cep.start();

            DefaultCamelContext camel = new DefaultCamelContext();
            camel.setName("homegrid");
            camel.getShutdownStrategy().setTimeout(10);
            camel.addComponent(JMS, JmsComponent.jmsComponent(pooled));
            camel.addRoutes(ParserRoutes.parser(config.push().limits(), clock, JMS, config.parserConsumers()));
            resources.add("Camel", camel);
            camel.start();

            HealthCheck pool = HealthChecks.database(dataSource);
            List<HealthCheck> health = List.of(HealthChecks.broker(pooled), database == null ? pool : database.health(pool),
                    HealthChecks.routes(camel, connector));
            Bus bus = BusFactory.newInstance().createBus();
            resources.add("CXF bus", () -> bus.shutdown(true));
            resources.add("REST server", RestServer.start(bus, "http://" + config.host() + ":" + config.port() + "/",
                    RestApi.resources(new JmsBusPublisher(pooled), repository, connector, health, config.push(), clock, pooled,
                            cep.admin()),
                    RestApi.providers()));
            LOG.info("Backend listening on {}:{}", config.host(), config.port());
            return new EmbeddedBackend(resources, url, user, connector, cep);
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

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    public PersistenceConnector persistence() {
        return connector;
    }

    @Override
    public void close() {
        LOG.info("Stopping the backend");
        resources.close();
    }
}
