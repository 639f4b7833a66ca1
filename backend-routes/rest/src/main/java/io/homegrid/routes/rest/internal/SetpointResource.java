package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.CommandResult;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.SetpointCommand;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.routes.rest.CommandBus;
import io.homegrid.security.Caller;
import io.homegrid.security.Scope;

/**
 * Aggregate Actuation Interface: hold a household battery at a power for a while (+ discharge,
 * − charge), through the gateway's community agent, which owns the battery and resumes its own
 * decisions afterwards. Answers with the setpoint the battery confirmed; a setpoint beyond the
 * battery's power is refused by the gateway, which knows the battery, and answered 400 naming
 * {@code watts}.
 */
@Path("/api/v1/devices/{device}/setpoint")
@Produces(MediaType.APPLICATION_JSON)
public final class SetpointResource {

    /** The agent applies the setpoint at once and waits up to 10 s for the battery's confirmation. */
    static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(25);
    static final int DEFAULT_MINUTES = 15;
    /** No household battery is larger: past this, the number is a typo, and the gateway is not bothered. */
    static final double MOST_WATTS = 100_000;

    private final Access access;
    private final SensorDataRepository repository;
    private final CommandBus commands;
    private final Clock clock;

    public SetpointResource(Access access, SensorDataRepository repository, CommandBus commands, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.commands = commands;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> hold(@PathParam("device") String device, JsonNode body,
            @Context SecurityContext security) throws JsonProcessingException {
        QueryParams.id(device, "device");
        Caller caller = CallerContext.of(security);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("watts", "send {\"watts\":-2000,\"minutes\":15}: + discharges, − charges");
        }
        JsonNode watts = body.path("watts");
        if (!watts.isNumber() || !Double.isFinite(watts.doubleValue()) || Math.abs(watts.doubleValue()) > MOST_WATTS) {
            throw ApiException.badRequest("watts", "a number of watts from -" + MOST_WATTS + " to " + MOST_WATTS
                    + " (+ discharges, − charges)");
        }
        JsonNode minutesNode = body.path("minutes");
        int minutes = DEFAULT_MINUTES;
        if (!minutesNode.isMissingNode()) {
            if (!minutesNode.canConvertToInt() || !minutesNode.isIntegralNumber() || minutesNode.intValue() < 1
                    || minutesNode.intValue() > SetpointCommand.MOST_MINUTES) {
                throw ApiException.badRequest("minutes", "whole minutes from 1 to " + SetpointCommand.MOST_MINUTES);
            }
            minutes = minutesNode.intValue();
        }
        DeviceView view = repository.device(device)
                .orElseThrow(() -> ApiException.notFound("device", "no device '" + device + "' is known"));
        String household = access.device(caller, device, view.gateway(), Scope.BATTERY_WRITE, null).household();
        if (!DeviceDescription.BATTERY_TYPE.equals(view.type())) {
            throw new ApiException(409, "device", "device '" + device + "' is a " + view.type() + ", not a battery");
        }
        SetpointCommand command = new SetpointCommand(UUID.randomUUID().toString(), device, watts.doubleValue(), minutes);
        Optional<String> answer = commands.request(view.gateway(), command.id(), Json.mapper().writeValueAsString(command),
                CONFIRMATION_TIMEOUT);
        String asked = command.watts() + " W for " + minutes + " min";
        if (answer.isEmpty()) {
            access.control().audit().record(caller, household, "battery.setpoint", device, asked + ": not confirmed");
            throw new ApiException(504, "device", "gateway " + view.gateway() + " did not confirm within "
                    + CONFIRMATION_TIMEOUT.toSeconds() + " s");
        }
        CommandResult result = Json.mapper().readValue(answer.get(), CommandResult.class);
        access.control().audit().record(caller, household, "battery.setpoint", device,
                asked + (result.ok() ? ": held at " + result.watts() + " W" : ": refused: " + result.reason()));
        if (!result.ok()) {
            if (result.field() != null) {
                throw ApiException.badRequest(result.field(), result.reason());
            }
            throw new ApiException(504, "device", "the battery did not confirm: " + result.reason());
        }
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("device", device);
        held.put("gateway", view.gateway());
        held.put("watts", result.watts());
        held.put("until", clock.instant().plus(Duration.ofMinutes(minutes)));
        return held;
    }
}
