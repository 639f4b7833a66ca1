package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplayClient;
import io.homegrid.replay.ReplayMode;
import io.homegrid.replay.ReplayRequest;
import io.homegrid.replay.ReplayViews;
import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;

/**
 * Replays through the Aggregate Sensing/Actuation Interface: a stored window sent through the
 * pipeline again by Replay Control. Operators replay any household, a household admin their own;
 * another household's replays are answered 404.
 */
@Path("/api/v1/replays")
@Produces(MediaType.APPLICATION_JSON)
public final class ReplayResource {

    private static final Set<String> FIELDS = Set.of("from", "duration", "gateways", "devices", "speed", "mode",
            "household");

    private final Access access;
    private final ReplayClient replays;
    private final SensorDataRepository repository;
    private final Clock clock;

    public ReplayResource(Access access, ReplayClient replays, SensorDataRepository repository, Clock clock) {
        this.access = access;
        this.replays = replays;
        this.repository = repository;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(JsonNode body, @Context SecurityContext security) {
        Caller.User user = access.manager(CallerContext.of(security), "start replays");
        ReplayRequest request = request(user, body);
        Replay replay = unavailableAs503(() -> replays.submit(request));
        access.control().audit().record(user, replay.household(), "replay.start", String.valueOf(replay.id()), "ok");
        return Response.status(202).entity(view(replay)).build();
    }

    @GET
    public Map<String, Object> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller.User user = access.manager(CallerContext.of(security), "see replays");
        return Paging.answer("replays", replays.list(user.operator() ? null : user.household()).stream().map(this::view)
                .toList(), replay -> replay.get("id").asText(), cursor, limit);
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@PathParam("id") String id, @Context SecurityContext security) {
        return view(visible(access.manager(CallerContext.of(security), "see replays"), id));
    }

    /**
     * Cancels: when the answer comes, nothing more of the replay is sent. With {@code ?purge=true}
     * an isolated replay is also deleted, with its readings and the CEP outputs they caused (204).
     */
    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") String id, @QueryParam("purge") String purge,
            @Context SecurityContext security) {
        Caller.User user = access.manager(CallerContext.of(security), "cancel replays");
        Replay replay = visible(user, id);
        if ("true".equals(purge)) {
            if (replay.mode() != ReplayMode.ISOLATED) {
                throw new ApiException(409, "purge", "a pipeline replay's readings are part of the household's history");
            }
            unavailableAs503(() -> {
                replays.purge(replay.id());
                return replay;
            });
            access.control().audit().record(user, replay.household(), "replay.purge", id, "ok");
            return Response.noContent().build();
        }
        if (purge != null && !"false".equals(purge)) {
            throw ApiException.badRequest("purge", "true or false");
        }
        Replay cancelled = unavailableAs503(() -> replays.cancel(replay.id()));
        access.control().audit().record(user, replay.household(), "replay.cancel", id, cancelled.state().wire());
        return Response.ok(view(cancelled)).build();
    }

    private Replay visible(Caller.User user, String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("id", "no replay '" + QueryParams.id(id, "id") + "'");
        }
        return replays.get(number).filter(replay -> user.operator() || replay.household().equals(user.household()))
                .orElseThrow(() -> ApiException.notFound("id", "no replay " + number));
    }

    private ReplayRequest request(Caller.User user, JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field; a replay takes " + FIELDS);
            }
        });
        Instant now = clock.instant();
        Instant from = fields.optionalInstant("from");
        if (from == null) {
            throw ApiException.badRequest("from", "required: where the window starts, such as 2026-11-30T18:00:00Z");
        }
        if (from.isAfter(now)) {
            throw ApiException.badRequest("from", "is in the future: only stored readings can be replayed");
        }
        Duration duration = fields.optionalDuration("duration");
        if (duration == null) {
            throw ApiException.badRequest("duration", "required, as an ISO-8601 duration such as PT1H");
        }
        if (duration.compareTo(ReplayRequest.MAX_DURATION) > 0) {
            throw ApiException.badRequest("duration", "at most " + ReplayRequest.MAX_DURATION.toDays() + " days");
        }
        Double speed = speed(body.get("speed"));
        ReplayMode mode;
        try {
            String wire = fields.optionalText("mode");
            mode = wire == null ? ReplayMode.PIPELINE : ReplayMode.of(wire);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("mode", e.getMessage());
        }
        String household = access.managedHousehold(user, fields.optionalText("household"));
        List<String> gateways = gateways(fields.texts("gateways"), household, user);
        if (household == null) {
            household = access.control().householdOf(gateways.get(0)).orElseThrow();
        }
        List<String> devices = devices(fields.texts("devices"), gateways);
        return new ReplayRequest(household, user.name(), from, duration, gateways, devices, speed, mode);
    }

    /** A number above 0 and up to 10,000, or "max"; 1 when absent. */
    private static Double speed(JsonNode speed) {
        if (speed == null || speed.isNull()) {
            return 1.0;
        }
        if (speed.isTextual() && speed.textValue().equals("max")) {
            return null;
        }
        if (!speed.isNumber() || speed.doubleValue() <= 0 || speed.doubleValue() > ReplayRequest.MAX_SPEED) {
            throw ApiException.badRequest("speed", "a number above 0 and up to 10000, or \"max\"");
        }
        return speed.doubleValue();
    }

    /** The gateways named, all of one household the caller may replay; or every gateway of the household. */
    private List<String> gateways(Set<String> named, String household, Caller.User user) {
        if (named.isEmpty()) {
            if (household == null) {
                throw ApiException.badRequest("gateways", "name the gateways, or the household, to replay");
            }
            List<String> all = access.control().directory().gateways(household).stream().map(GatewayRegistration::gateway)
                    .toList();
            if (all.isEmpty()) {
                throw ApiException.badRequest("gateways", "household " + household + " has no gateway");
            }
            return all;
        }
        String common = household;
        for (String gateway : named) {
            String of = access.control().householdOf(gateway).orElse(null);
            boolean visible = of != null && (user.operator() || of.equals(user.household()));
            if (!visible) {
                throw ApiException.badRequest("gateways", "unknown gateway '" + QueryParams.id(gateway, "gateways") + "'");
            }
            if (common != null && !common.equals(of)) {
                throw ApiException.badRequest("gateways", "the gateways of one replay belong to one household");
            }
            common = of;
        }
        return new ArrayList<>(named);
    }

    private List<String> devices(Set<String> named, List<String> gateways) {
        for (String device : named) {
            DeviceView view = repository.device(QueryParams.id(device, "devices")).orElse(null);
            if (view == null || !gateways.contains(view.gateway())) {
                throw ApiException.badRequest("devices", "unknown device '" + device + "' on the replayed gateways");
            }
        }
        return new ArrayList<>(named);
    }

    private ObjectNode view(Replay replay) {
        return ReplayViews.view(replay, clock.instant());
    }


    private static Replay unavailableAs503(Supplier<Replay> call) {
        try {
            return call.get();
        } catch (ReplayClient.ReplayControlUnavailableException e) {
            throw new ApiException(503, "replay", e.getMessage());
        }
    }
}
