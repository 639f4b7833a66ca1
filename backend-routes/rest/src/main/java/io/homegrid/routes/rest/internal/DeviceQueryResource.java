package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.homegrid.model.SensorKind;
import io.homegrid.persistence.BucketSize;
import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.persistence.StoredReading;
import io.homegrid.security.Scope;
import io.homegrid.persistence.SensorView;

/** Aggregate Sensing Interface: one device's latest values and its history, raw or bucketed. */
@Path("/api/v1/devices/{device}")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceQueryResource {

    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_LIMIT = 100_000;
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final Access access;
    private final SensorDataRepository repository;
    private final Clock clock;

    public DeviceQueryResource(Access access, SensorDataRepository repository, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.clock = clock;
    }

    @GET
    @Path("latest")
    public Latest latest(@PathParam("device") String device, @Context SecurityContext security) {
        DeviceView view = known(device);
        Access.Reach reach = access.device(CallerContext.of(security), device, view.gateway(), Scope.READINGS_READ, null);
        List<SensorView> reported = view.sensors().stream().filter(s -> s.value() != null)
                .filter(s -> reach.sensor(device, s.sensor(), Scope.READINGS_READ)).toList();
        return new Latest(view.device(), view.gateway(), view.lastSeen(), reported);
    }

    /**
     * Readings in [from, to) (default: the last hour), oldest first: raw up to {@code limit}, or
     * one row per sensor and bucket with {@code bucket}.
     */
    @GET
    @Path("readings")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public Readings readings(@PathParam("device") String device, @QueryParam("sensor") String sensorParam,
            @QueryParam("from") String fromParam, @QueryParam("to") String toParam,
            @QueryParam("bucket") String bucketParam, @QueryParam("limit") String limitParam,
            @QueryParam("cursor") String cursorParam, @QueryParam("replay") String replayParam,
            @Context SecurityContext security) {
        Paging.TimeCursor cursor = Paging.timeCursor(cursorParam);
        Long replay = replayParam == null ? null : QueryParams.replay(replayParam);
        SensorKind sensor = QueryParams.sensor(sensorParam);
        BucketSize bucket = QueryParams.bucket(bucketParam);
        int limit = QueryParams.boundedInt(limitParam, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        Instant to = QueryParams.instant(toParam, "to", clock.instant());
        Instant from = QueryParams.instant(fromParam, "from", to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from", "must be before to (" + to + ")");
        }
        DeviceView view = known(device);
        String sensorId = sensor == null ? null : sensor.id();
        Access.Reach reach = access.device(CallerContext.of(security), device, view.gateway(), Scope.READINGS_READ, sensorId);
        reach.since(from, clock.instant());
        if (sensor == null && !reach.sensor(device, null, Scope.READINGS_READ)) {
            throw new ApiException(403, "sensor", "your grant covers some of this device's sensors only: name one with ?sensor=");
        }
        if (bucket == null) {
            if (cursor != null && (cursor.time().isBefore(from) || !cursor.time().isBefore(to))) {
                throw ApiException.badRequest("cursor", "it resumes outside [from, to): send the same from and to as before");
            }
            Paging.Page<StoredReading> page = Paging.ofTimes(repository.readings(device, sensor,
                    cursor == null ? from : cursor.time(), to, Paging.fetch(cursor, limit), replay), StoredReading::time,
                    cursor, limit);
            return new Readings(device, sensorId, from, to, null, page.items(), page.next());
        }
        if (cursor != null) {
            throw ApiException.badRequest("cursor", "bucketed readings come in one answer: leave out cursor");
        }
        if (replay != null) {
            throw ApiException.badRequest("bucket", "an isolated replay's readings come raw: leave out bucket");
        }
        long buckets = Duration.between(from, to).dividedBy(bucket.width());
        if (buckets > MAX_LIMIT) {
            throw ApiException.badRequest("bucket", "the range holds " + buckets + " buckets of " + bucket.id()
                    + "; at most " + MAX_LIMIT + ": choose a wider bucket or a shorter range");
        }
        return new Readings(device, sensorId, from, to, bucket.id(), repository.buckets(device, sensor, from, to, bucket),
                null);
    }

    private DeviceView known(String device) {
        QueryParams.id(device, "device");
        return repository.device(device)
                .orElseThrow(() -> ApiException.notFound("device", "no device '" + device + "' is known"));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Latest(String device, String gateway, Instant lastSeen, List<SensorView> readings) {
    }

    /**
     * {@code readings} holds raw readings, or bucket rows when {@code bucket} is set.
     *
     * @param next the cursor of the next page of raw readings, absent on the last
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Readings(String device, String sensor, Instant from, Instant to, String bucket, List<?> readings,
            String next) {
    }
}
