package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.homegrid.model.CepOutput;
import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.GatewaySummary;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.security.Scope;

/** Aggregate Sensing Interface: the gateways and their devices. */
@Path("/api/v1/gateways")
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayQueryResource {

    private final Access access;
    private final SensorDataRepository repository;
    private final Clock clock;

    public GatewayQueryResource(Access access, SensorDataRepository repository, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.clock = clock;
    }

    @GET
    public Map<String, Object> gateways(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Set<String> visible = access.gateways(CallerContext.of(security), null);
        return Paging.answer("gateways", repository.gateways().stream()
                .filter(gateway -> visible == null || visible.contains(gateway.id())).toList(), GatewaySummary::id, cursor,
                limit);
    }

    @GET
    @Path("{gatewayId}/devices")
    public Devices devices(@PathParam("gatewayId") String gateway, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        QueryParams.id(gateway, "gatewayId");
        Access.Reach reach = access.gateway(CallerContext.of(security), gateway, null);
        List<DeviceView> devices = repository.devicesOf(gateway)
                .orElseThrow(() -> ApiException.notFound("gatewayId", "no gateway '" + gateway + "' has pushed anything"))
                .stream().filter(device -> reach.device(device.device())).toList();
        Paging.Page<DeviceView> page = Paging.of(devices, DeviceView::device, cursor, Paging.limit(limit));
        return new Devices(gateway, page.items(), page.next());
    }

    /** CEP aggregates of the gateway (device and household power per minute) in [from, to), default the last hour. */
    @GET
    @Path("{gatewayId}/aggregates")
    public Aggregates aggregates(@PathParam("gatewayId") String gateway, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("cursor") String cursorParam,
            @QueryParam("replay") String replayParam, @Context SecurityContext security) {
        Paging.TimeCursor cursor = Paging.timeCursor(cursorParam);
        QueryParams.id(gateway, "gatewayId");
        Long replay = replayParam == null ? null : QueryParams.replay(replayParam);
        Access.Reach reach = access.gateway(CallerContext.of(security), gateway, Scope.AGGREGATES_READ);
        Instant end = QueryParams.instant(to, "to", clock.instant());
        Instant start = QueryParams.instant(from, "from", end.minus(Duration.ofHours(1)));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from", "must be before to (" + end + ")");
        }
        reach.since(start, clock.instant());
        int max = QueryParams.boundedInt(limit, "limit", 10_000, 100_000);
        Paging.Page<CepOutput> page = Paging.ofTimes(repository.aggregates(gateway, cursor == null ? start : cursor.time(),
                end, Paging.fetch(cursor, max), replay), CepOutput::time, cursor, max);
        return new Aggregates(gateway, page.items(), page.next());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Aggregates(String gateway, List<CepOutput> aggregates, String next) {
    }

    /** @param next the cursor of the next page, absent on the last */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Devices(String gateway, List<DeviceView> devices, String next) {
    }
}
