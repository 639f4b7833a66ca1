package io.homegrid.routes.rest.internal.osgi;

import java.time.Clock;
import java.util.List;

import javax.jms.ConnectionFactory;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.cep.StatementAdmin;
import io.homegrid.model.validation.Limits;
import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.RepositoryException;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.routes.rest.HealthCheck;
import io.homegrid.routes.rest.HealthChecks;
import io.homegrid.routes.rest.JmsBusPublisher;
import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.RestApi;
import io.homegrid.routes.rest.RestServer;
import io.homegrid.routes.rest.internal.ApiException;

/**
 * The REST bundle in OSGi: publishes the same resources as the embedded mode on CXF's servlet.
 * Only the message bus and the data source are static references: the parser and persistence services are
 * followed dynamically, so redeploying either leaves the push interface answering (queries
 * answer 503 and health names the missing part meanwhile).
 */
@Component(configurationPid = "io.homegrid.rest", immediate = true, service = {})
@Designate(ocd = RestConfig.class)
public final class RestApiComponent {

    @Reference(target = "(homegrid.bus=pooled)")
    private ConnectionFactory connectionFactory;

    @Reference(target = "(dataSourceName=homegrid)")
    private DataSource dataSource;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SensorDataRepository repository;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile IngestStats ingest;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(camel.context.name=homegrid-parser)")
    private volatile CamelContext parser;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StatementAdmin cep;

    private Bus bus;
    private RestServer server;

    @Activate
    void activate(RestConfig config) {
        SensorDataRepository currentRepository = ServiceProxy.of(SensorDataRepository.class, () -> repository,
                () -> new RepositoryException("the persistence service is not running", null));
        IngestStats currentIngest = ServiceProxy.of(IngestStats.class, () -> ingest,
                () -> new RepositoryException("the persistence service is not running", null));
        StatementAdmin currentCep = ServiceProxy.of(StatementAdmin.class, () -> cep,
                () -> new ApiException(503, "cep", "the CEP service is not running"));
        List<HealthCheck> health = List.of(HealthChecks.broker(connectionFactory), HealthChecks.database(dataSource),
                HealthCheck.of("routes", this::routesProblem));
        PushSettings push = new PushSettings(config.maxBodyBytes(),
                Limits.DEFAULT.withMaxBatchSize(config.maxBatchSize()));
        // CXF in Karaf offers no Bus service; a bus created here finds the servlet transport
        // through CXF's OSGi extension registry, as long as CXF's class loader is the context one.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Bus.class.getClassLoader());
        try {
            bus = BusFactory.newInstance().createBus();
        } finally {
            thread.setContextClassLoader(previous);
        }
        server = RestServer.start(bus, config.address(),
                RestApi.resources(new JmsBusPublisher(connectionFactory), currentRepository, currentIngest, health, push,
                        Clock.systemUTC(), connectionFactory, currentCep),
                RestApi.providers());
    }

    @Deactivate
    void deactivate() {
        server.close();
        bus.shutdown(true);
    }

    private String routesProblem() {
        CamelContext camel = parser;
        IngestStats stats = ingest;
        if (camel == null) {
            return "the Sensor Data Parser is not running";
        }
        if (stats == null) {
            return "the persistence connector is not running";
        }
        return HealthChecks.routes(camel, stats).problem();
    }
}
