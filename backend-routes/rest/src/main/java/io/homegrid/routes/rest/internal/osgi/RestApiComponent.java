package io.homegrid.routes.rest.internal.osgi;

import java.time.Clock;

import javax.jms.ConnectionFactory;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
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
import io.homegrid.security.AccessControl;
import io.homegrid.routes.rest.HealthChecks;
import io.homegrid.bus.BrokerLoad;
import io.homegrid.sharing.Webhooks;
import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.RestDependencies;
import io.homegrid.replay.ReplayClient;
import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.routes.rest.RestService;
import io.homegrid.routes.rest.RestSettings;
import io.homegrid.routes.rest.internal.ApiException;

/**
 * The REST bundle in OSGi: maps its configuration to {@link RestSettings} and starts the
 * {@link RestService} the embedded launcher starts, on CXF's servlet. The bus, the data source
 * and the ingest limits (the one {@link Limits} service the parser takes too) are static
 * references; the parser, persistence and CEP services are followed dynamically, so
 * redeploying any of them leaves the push interface answering (queries answer 503 and health
 * names the missing part meanwhile).
 */
@Component(configurationPid = "io.homegrid.rest", immediate = true, service = {})
@Designate(ocd = RestConfig.class)
public final class RestApiComponent {

    @Reference(target = "(homegrid.bus=pooled)")
    ConnectionFactory connectionFactory;

    @Reference(target = "(dataSourceName=homegrid)")
    DataSource dataSource;

    @Reference
    Limits limits;

    /** Mandatory: without it nobody could be asked who they are, so nothing is served. */
    @Reference
    AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SensorDataRepository repository;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile IngestStats ingest;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(camel.context.name=homegrid-parser)")
    volatile CamelContext parser;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StatementAdmin cep;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile BrokerLoad broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Webhooks webhooks;

    private RestService service;

    static RestSettings settings(RestConfig config, Limits limits) {
        return new RestSettings(config.address(), null, new PushSettings(config.maxBodyBytes(), limits,
                config.maxIngestLagSeconds(), config.maxBrokerStorePercent()),
                new RequestLimits(config.liveStreamsPerIdentity(), config.commandPollsPerGateway(), config.requestsPerSecond(),
                        config.requestBurst(), config.heldRequests()));
    }

    @Activate
    void activate(RestConfig config) {
        RestDependencies dependencies = new RestDependencies(connectionFactory, HealthChecks.database(dataSource),
                ServiceProxy.of(SensorDataRepository.class, () -> repository,
                        () -> new RepositoryException("the persistence service is not running", null)),
                ServiceProxy.of(IngestStats.class, () -> ingest,
                        () -> new RepositoryException("the persistence service is not running", null)),
                ServiceProxy.of(StatementAdmin.class, () -> cep,
                        () -> new ApiException(503, "cep", "the CEP service is not running")),
                access, () -> parser, () -> ingest, new ReplayClient(dataSource, connectionFactory, Clock.systemUTC()),
                () -> broker, ServiceProxy.of(Webhooks.class, () -> webhooks,
                        () -> new ApiException(503, "sharing", "the data sharing service is not running")));
        service = RestService.start(settings(config, limits), dependencies, Clock.systemUTC());
    }

    @Deactivate
    void deactivate() {
        service.close();
    }

    RestService service() {
        return service;
    }
}
