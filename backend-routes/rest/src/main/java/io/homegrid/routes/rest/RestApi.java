package io.homegrid.routes.rest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.jms.ConnectionFactory;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import io.homegrid.cep.StatementAdmin;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.replay.ReplayClient;
import io.homegrid.security.AccessControl;
import io.homegrid.sharing.Webhooks;
import io.homegrid.routes.rest.internal.Access;
import io.homegrid.routes.rest.internal.ApplicationResource;
import io.homegrid.routes.rest.internal.AuditResource;
import io.homegrid.routes.rest.internal.AuthenticationFilter;
import io.homegrid.routes.rest.internal.BackPressure;
import io.homegrid.routes.rest.internal.CepAdminResource;
import io.homegrid.routes.rest.internal.CommandChannelResource;
import io.homegrid.routes.rest.internal.CommunityForecastResource;
import io.homegrid.routes.rest.internal.CommunityResource;
import io.homegrid.routes.rest.internal.CommunitySignalRelay;
import io.homegrid.routes.rest.internal.CsvBodyWriter;
import io.homegrid.routes.rest.internal.ConcurrentRequests;
import io.homegrid.routes.rest.internal.DataPushResource;
import io.homegrid.routes.rest.internal.DeviceQueryResource;
import io.homegrid.routes.rest.internal.ErrorMappers;
import io.homegrid.routes.rest.internal.EventsResource;
import io.homegrid.routes.rest.internal.GatewayRegistrationResource;
import io.homegrid.routes.rest.internal.GatewayAdministration;
import io.homegrid.routes.rest.internal.GatewayBundlesResource;
import io.homegrid.routes.rest.internal.GatewayConfigurationResource;
import io.homegrid.routes.rest.internal.GatewayDiscoveryResource;
import io.homegrid.routes.rest.internal.GatewayQueryResource;
import io.homegrid.routes.rest.internal.GrantResource;
import io.homegrid.routes.rest.internal.HealthResource;
import io.homegrid.routes.rest.internal.HouseholdAnalyses;
import io.homegrid.routes.rest.internal.HouseholdForecastResource;
import io.homegrid.routes.rest.internal.HouseholdForecasts;
import io.homegrid.routes.rest.internal.HouseholdResource;
import io.homegrid.routes.rest.internal.InvalidReadingsResource;
import io.homegrid.routes.rest.internal.LiveResource;
import io.homegrid.routes.rest.internal.RelayResource;
import io.homegrid.routes.rest.internal.SetpointResource;
import io.homegrid.routes.rest.internal.ReplayResource;
import io.homegrid.routes.rest.internal.RolloutResource;
import io.homegrid.routes.rest.internal.StatsResource;
import io.homegrid.routes.rest.internal.TokenResource;
import io.homegrid.routes.rest.internal.VirtualDeviceApi;
import io.homegrid.routes.rest.internal.MetricsResource;
import io.homegrid.routes.rest.internal.dashboard.DashboardResource;
import io.homegrid.routes.rest.internal.docs.DocsResource;
import io.homegrid.routes.rest.internal.docs.OpenApiResource;
import io.homegrid.routes.rest.internal.live.DeviceAnnouncer;
import io.homegrid.routes.rest.internal.metrics.PlatformMetrics;
import io.homegrid.routes.rest.internal.metrics.RequestMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The JAX-RS resources and providers of the backend's REST API, for whichever server hosts them. */
public final class RestApi {

    private RestApi() {
    }

    /**
     * @param commands pooled connection factory the relay commands and live subscriptions use
     * @param cep      the CEP engine's statement admin
     * @param signals  the communities' residual load as it stands
     */
    public static List<Object> resources(AccessControl control, BusPublisher publisher, SensorDataRepository repository,
            IngestStats ingest, List<HealthCheck> health, PushSettings push, RequestLimits limits, Clock clock,
            ConnectionFactory commands, StatementAdmin cep, ReplayClient replays, BackPressure pressure,
            PlatformMetrics metrics, Webhooks webhooks, CommunitySignalRelay signals) {
        CommandBus commandBus = new CommandBus(commands);
        Access access = new Access(control);
        GatewayAdministration administration = new GatewayAdministration(access, commandBus);
        ConcurrentRequests.Budget held = new ConcurrentRequests.Budget(limits.heldRequests());
        HouseholdAnalyses analyses = new HouseholdAnalyses(access, repository, clock);
        HouseholdForecasts forecasts = new HouseholdForecasts(access, repository, clock);
        LiveResource live = new LiveResource(access, commands, limits.liveStreamsPerIdentity(), held);
        Gauge.builder("homegrid.live.connections", live, LiveResource::openStreams)
                .description("live streams (Server-Sent Events) open").register(metrics.registry());
        Gauge.builder("homegrid.held.requests", held, ConcurrentRequests.Budget::held)
                .description("long-held requests open: live streams and command polls").register(metrics.registry());
        List<Object> api = new ArrayList<>(List.of(
                new DataPushResource(access, publisher, new DeviceAnnouncer(commands), push, clock, pressure,
                        metrics.registry()),
                new GatewayQueryResource(access, repository, clock),
                new DeviceQueryResource(access, repository, clock),
                new InvalidReadingsResource(access, repository),
                new StatsResource(access, ingest, repository),
                new HealthResource(health),
                new RelayResource(access, repository, commandBus),
                new SetpointResource(access, repository, commandBus, clock),
                new GatewayDiscoveryResource(administration),
                new GatewayConfigurationResource(administration),
                new GatewayBundlesResource(administration, access),
                new RolloutResource(access, administration, clock),
                new CommandChannelResource(access, commandBus, limits.commandPollsPerGateway(), held),
                new EventsResource(access, repository, clock),
                new CepAdminResource(access, cep),
                live,
                new TokenResource(control),
                new HouseholdResource(access, analyses, new VirtualDeviceApi(access, repository, analyses, clock), webhooks),
                new GatewayRegistrationResource(access),
                new GrantResource(access),
                new CommunityResource(access, repository, signals, clock),
                new HouseholdForecastResource(forecasts),
                new CommunityForecastResource(forecasts),
                new ApplicationResource(access, webhooks),
                new AuditResource(access, clock),
                new ReplayResource(access, replays, repository, clock),
                new MetricsResource(access, metrics),
                new DocsResource(),
                new DashboardResource()));
        List<Class<?>> documented = new ArrayList<>(api.stream().<Class<?>>map(Object::getClass).toList());
        documented.add(OpenApiResource.class);
        api.add(new OpenApiResource(documented));
        return List.copyOf(api);
    }

    /** @param control asked who calls every resource method that is not {@code @Public} */
    public static List<Object> providers(AccessControl control, RequestLimits limits, MeterRegistry metrics) {
        return List.of(
                new RequestMetrics(metrics),
                new CsvBodyWriter(),
                new JacksonJsonProvider(Json.mapper()),
                new AuthenticationFilter(control, limits),
                new ErrorMappers.Api(),
                new ErrorMappers.Web(),
                new ErrorMappers.Json(),
                new ErrorMappers.Directory(),
                new ErrorMappers.DirectoryDown(),
                new ErrorMappers.Bus(),
                new ErrorMappers.Repository(),
                new ErrorMappers.Unexpected());
    }
}
