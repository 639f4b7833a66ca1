package io.homegrid.routes.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.SensorDataRepository;

/** Ingest counters, for load testers who need to know when the last reading landed. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {

    private final Access access;
    private final IngestStats ingest;
    private final SensorDataRepository repository;

    public StatsResource(Access access, IngestStats ingest, SensorDataRepository repository) {
        this.access = access;
        this.ingest = ingest;
        this.repository = repository;
    }

    @GET
    public Stats stats(@Context SecurityContext security) {
        access.operator(CallerContext.of(security), "read the platform's ingest counters");
        return new Stats(repository.readingCount(), ingest.readingsStored(), ingest.duplicatesDropped(),
                ingest.messagesDeadLettered());
    }

    /**
     * @param readings             readings in the database
     * @param storedSinceStart     readings this instance stored since it started
     * @param duplicatesSinceStart re-sent readings it dropped
     * @param deadLettered         messages it could not store and moved to a dead-letter queue
     */
    public record Stats(long readings, long storedSinceStart, long duplicatesSinceStart, long deadLettered) {
    }
}
