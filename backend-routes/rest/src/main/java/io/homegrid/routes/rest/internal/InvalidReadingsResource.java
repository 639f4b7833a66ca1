package io.homegrid.routes.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.homegrid.model.InvalidReading;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.security.Caller;
import io.homegrid.security.Scope;

/** What the Sensor Data Parser refused and why, newest first. */
@Path("/api/v1/invalid-readings")
@Produces(MediaType.APPLICATION_JSON)
public final class InvalidReadingsResource {

    private final Access access;
    private final SensorDataRepository repository;

    public InvalidReadingsResource(Access access, SensorDataRepository repository) {
        this.access = access;
        this.repository = repository;
    }

    @GET
    public InvalidReadings list(@QueryParam("gateway") String gateway, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursorParam, @Context SecurityContext security) {
        Paging.TimeCursor cursor = Paging.timeCursor(cursorParam);
        Caller caller = CallerContext.of(security);
        if (gateway != null) {
            QueryParams.id(gateway, "gateway");
            access.gateway(caller, gateway, Scope.READINGS_READ);
        } else {
            access.operator(caller, "list every gateway's refused readings; name your ?gateway=");
        }
        int max = QueryParams.boundedInt(limit, "limit", 100, 1_000);
        Paging.Page<InvalidReading> page = Paging.ofTimes(repository.invalidReadings(gateway,
                cursor == null ? null : cursor.time(), Paging.fetch(cursor, max)), InvalidReading::received, cursor, max);
        return new InvalidReadings(page.items(), page.next());
    }

    /** @param next the cursor of the next (older) page, absent on the last */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvalidReadings(List<InvalidReading> invalidReadings, String next) {
    }
}
