package io.homegrid.routes.rest.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.homegrid.model.DeviceBatch;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.PushResult;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;
import io.homegrid.model.validation.BatchReader;
import io.homegrid.model.validation.BatchRejectedException;
import io.homegrid.model.validation.CheckedBatch;
import io.homegrid.routes.rest.BusPublisher;
import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.internal.live.DeviceAnnouncer;

/**
 * The Data Push Interface: gateways push readings and device descriptions. It answers 202 only
 * after the broker has the batch on disk; then nothing accepted can be lost. The readings are
 * checked here only to tell the gateway what will be refused: the Sensor Data Parser applies
 * the same rules to the raw batch and routes each reading.
 */
@Path("/api/v1/gateways")
@Produces(MediaType.APPLICATION_JSON)
public final class DataPushResource {

    /** Some readings were refused: 422 when none at all was accepted, 202 otherwise. */
    private static final int NOTHING_ACCEPTED = 422;
    private static final String READINGS_METER = "homegrid.push.readings";

    private final Access access;
    private final BusPublisher publisher;
    private final BatchReader<Reading> readings;
    private final BatchReader<DeviceDescription> devices;
    private final int maxBodyBytes;
    private final BackPressure pressure;
    private final DeviceAnnouncer announcer;
    private final Counter acceptedReadings;
    private final Counter refusedReadings;

    public DataPushResource(Access access, BusPublisher publisher, DeviceAnnouncer announcer, PushSettings settings,
            Clock clock, BackPressure pressure, MeterRegistry metrics) {
        this.pressure = pressure;
        this.announcer = announcer;
        this.acceptedReadings = Counter.builder(READINGS_METER).tag("outcome", "accepted")
                .description("pushed readings, by whether they were accepted").register(metrics);
        this.refusedReadings = Counter.builder(READINGS_METER).tag("outcome", "refused")
                .description("pushed readings, by whether they were accepted").register(metrics);
        this.access = access;
        this.publisher = publisher;
        this.readings = BatchReader.readings(clock, settings.limits());
        this.devices = BatchReader.devices(settings.limits());
        this.maxBodyBytes = settings.maxBodyBytes();
    }

    @POST
    @Path("{gatewayId}/readings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pushReadings(@PathParam("gatewayId") String gateway,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body, @Context SecurityContext security) {
        access.ownGateway(CallerContext.of(security), gateway);
        Optional<Response> wait = pressure.refusal();
        if (wait.isPresent()) {
            return wait.get();
        }
        byte[] bytes = BodyReader.read(body, contentLength, maxBodyBytes);
        CheckedBatch<Reading> batch = check(readings, gateway, bytes);
        acceptedReadings.increment(batch.accepted().size());
        refusedReadings.increment(batch.rejected().size());
        if (batch.rejected().isEmpty()) {
            // Every reading is valid: the bus carries them decoded once, and nobody parses JSON again.
            publisher.publishValidated(Destinations.READINGS_RAW, gateway,
                    ReadingBatchCodec.encode(new ReadingBatch(gateway, batch.accepted())), batch.size());
        } else {
            // The raw batch goes on even when every reading is refused: the parser records each
            // refusal, so that it can be inspected through /api/v1/invalid-readings.
            publisher.publish(Destinations.READINGS_RAW, gateway, new String(bytes, StandardCharsets.UTF_8), batch.size());
        }
        return answer(batch);
    }

    @POST
    @Path("{gatewayId}/devices")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pushDevices(@PathParam("gatewayId") String gateway,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body, @Context SecurityContext security)
            throws JsonProcessingException {
        access.ownGateway(CallerContext.of(security), gateway);
        CheckedBatch<DeviceDescription> batch = check(devices, gateway, BodyReader.read(body, contentLength, maxBodyBytes));
        if (!batch.accepted().isEmpty()) {
            String canonical = Json.mapper().writeValueAsString(new DeviceBatch(gateway, batch.accepted()));
            publisher.publish(Destinations.DEVICES, gateway, canonical, batch.accepted().size());
            announcer.announce(gateway, canonical);
        }
        return answer(batch);
    }

    private static <T> CheckedBatch<T> check(BatchReader<T> reader, String gateway, byte[] body) {
        try {
            return reader.read(gateway, body);
        } catch (BatchRejectedException e) {
            throw new ApiException(e.status(), e.violation().field(), e.violation().reason());
        }
    }

    private static Response answer(CheckedBatch<?> batch) {
        int status = batch.accepted().isEmpty() ? NOTHING_ACCEPTED : Response.Status.ACCEPTED.getStatusCode();
        return Response.status(status).entity(new PushResult(batch.accepted().size(), batch.violations())).build();
    }
}
