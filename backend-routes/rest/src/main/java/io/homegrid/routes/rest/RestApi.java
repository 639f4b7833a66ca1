package io.homegrid.routes.rest;

import java.time.Clock;
import java.util.List;

import javax.jms.ConnectionFactory;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import io.homegrid.model.json.Json;
import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.cep.StatementAdmin;
import io.homegrid.routes.rest.internal.CepAdminResource;
import io.homegrid.routes.rest.internal.CommandChannelResource;
import io.homegrid.routes.rest.internal.DataPushResource;
import io.homegrid.routes.rest.internal.DeviceQueryResource;
import io.homegrid.routes.rest.internal.ErrorMappers;
import io.homegrid.routes.rest.internal.EventsResource;
import io.homegrid.routes.rest.internal.GatewayQueryResource;
import io.homegrid.routes.rest.internal.HealthResource;
import io.homegrid.routes.rest.internal.InvalidReadingsResource;
import io.homegrid.routes.rest.internal.LiveResource;
import io.homegrid.routes.rest.internal.RelayResource;
import io.homegrid.routes.rest.internal.StatsResource;

/** The JAX-RS resources and providers of the backend's REST API, for whichever server hosts them. */
public final class RestApi {

    private RestApi() {
    }

    /**
     * @param commands pooled connection factory the relay commands and live subscriptions use
     * @param cep      the CEP engine's statement admin
     */
    public static List<Object> resources(BusPublisher publisher, SensorDataRepository repository, IngestStats ingest,
            List<HealthCheck> health, PushSettings push, Clock clock, ConnectionFactory commands, StatementAdmin cep) {
        CommandBus commandBus = new CommandBus(commands);
        return List.of(
                new DataPushResource(publisher, push, clock),
                new GatewayQueryResource(repository, clock),
                new DeviceQueryResource(repository, clock),
                new InvalidReadingsResource(repository),
                new StatsResource(ingest, repository),
                new HealthResource(health),
                new RelayResource(repository, commandBus),
                new CommandChannelResource(commandBus),
                new EventsResource(repository, clock),
                new CepAdminResource(cep),
                new LiveResource(commands));
    }

    public static List<Object> providers() {
        return List.of(
                new JacksonJsonProvider(Json.mapper()),
                new ErrorMappers.Api(),
                new ErrorMappers.Web(),
                new ErrorMappers.Json(),
                new ErrorMappers.Bus(),
                new ErrorMappers.Repository(),
                new ErrorMappers.Unexpected());
    }
}
