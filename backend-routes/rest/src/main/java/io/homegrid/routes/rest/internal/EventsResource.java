package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import io.homegrid.model.CepOutput;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.security.Caller;
import io.homegrid.security.Scope;

/** Derived events the CEP engine found (switches, peaks, appliances not cycling, cold rooms), stored. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {

    private final Access access;
    private final SensorDataRepository repository;
    private final Clock clock;

    public EventsResource(Access access, SensorDataRepository repository, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.clock = clock;
    }

    /** {@code type} is the statement that found the event, e.g. {@code device-switch}. */
    @GET
    public Map<String, Object> events(@QueryParam("gateway") String gateway, @QueryParam("type") String type,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursorParam, @QueryParam("replay") String replayParam,
            @Context SecurityContext security) {
        Paging.TimeCursor cursor = Paging.timeCursor(cursorParam);
        Long replay = replayParam == null ? null : QueryParams.replay(replayParam);
        Caller caller = CallerContext.of(security);
        Set<String> gateways;
        if (gateway != null) {
            QueryParams.id(gateway, "gateway");
            gateways = Set.of(gateway);
        } else {
            gateways = access.gateways(caller, Scope.EVENTS_READ);
        }
        Instant end = QueryParams.instant(to, "to", clock.instant());
        Instant start = QueryParams.instant(from, "from", end.minus(Duration.ofDays(1)));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from", "must be before to (" + end + ")");
        }
        if (gateways != null) {
            gateways.forEach(one -> access.gateway(caller, one, Scope.EVENTS_READ).since(start, clock.instant()));
        }
        int max = QueryParams.boundedInt(limit, "limit", 1_000, 100_000);
        Instant resume = cursor == null ? start : cursor.time();
        int fetch = Paging.fetch(cursor, max);
        List<CepOutput> fetched;
        if (gateways == null) {
            fetched = repository.events(null, type, resume, end, fetch, replay);
        } else {
            // One query per visible gateway: a household has a handful, and each uses the index.
            fetched = gateways.stream().sorted().flatMap(one -> repository.events(one, type, resume, end, fetch, replay)
                    .stream()).sorted(Comparator.comparing(CepOutput::time)).limit(fetch).toList();
        }
        return Paging.answer("events", Paging.ofTimes(fetched, CepOutput::time, cursor, max));
    }
}
