package io.homegrid.routes.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import io.homegrid.model.InvalidReading;
import io.homegrid.persistence.SensorDataRepository;

/** What the Sensor Data Parser refused and why, newest first. */
@Path("/api/v1/invalid-readings")
@Produces(MediaType.APPLICATION_JSON)
public final class InvalidReadingsResource {

    private final SensorDataRepository repository;

    public InvalidReadingsResource(SensorDataRepository repository) {
        this.repository = repository;
    }

    @GET
    public InvalidReadings list(@QueryParam("gateway") String gateway, @QueryParam("limit") String limit) {
        if (gateway != null) {
            QueryParams.id(gateway, "gateway");
        }
        return new InvalidReadings(repository.invalidReadings(gateway, QueryParams.boundedInt(limit, "limit", 100, 1_000)));
    }

    public record InvalidReadings(List<InvalidReading> invalidReadings) {
    }
}
