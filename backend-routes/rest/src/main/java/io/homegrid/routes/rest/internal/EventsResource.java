package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import io.homegrid.model.CepOutput;
import io.homegrid.persistence.SensorDataRepository;

/** Derived events the CEP engine found (switches, peaks, appliances not cycling, cold rooms), stored. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {

    private final SensorDataRepository repository;
    private final Clock clock;

    public EventsResource(SensorDataRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** {@code type} is the statement that found the event, e.g. {@code device-switch}. */
    @GET
    public Map<String, List<CepOutput>> events(@QueryParam("gateway") String gateway, @QueryParam("type") String type,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit) {
        if (gateway != null) {
            QueryParams.id(gateway, "gateway");
        }
        Instant end = QueryParams.instant(to, "to", clock.instant());
        Instant start = QueryParams.instant(from, "from", end.minus(Duration.ofDays(1)));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from", "must be before to (" + end + ")");
        }
        return Map.of("events", repository.events(gateway, type, start, end,
                QueryParams.boundedInt(limit, "limit", 1_000, 100_000)));
    }
}
