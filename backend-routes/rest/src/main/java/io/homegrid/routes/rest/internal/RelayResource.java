package io.homegrid.routes.rest.internal;

import java.time.Duration;
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
import io.homegrid.model.RelayCommand;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.routes.rest.CommandBus;
import io.homegrid.security.Caller;
import io.homegrid.security.Scope;

/** Aggregate Actuation Interface: switch a plug; answers with the state the plug confirmed, or 504. */
@Path("/api/v1/devices/{device}/relay")
@Produces(MediaType.APPLICATION_JSON)
public final class RelayResource implements AutoCloseable {

    static final Duration CONFIRMATION_TIMEOUT = Duration.ofSeconds(10);

    private final Access access;
    private final SensorDataRepository repository;
    private final CommandBus commands;

    public RelayResource(Access access, SensorDataRepository repository, CommandBus commands) {
        this.access = access;
        this.repository = repository;
        this.commands = commands;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> switchRelay(@PathParam("device") String device, JsonNode body,
            @Context SecurityContext security) throws JsonProcessingException {
        QueryParams.id(device, "device");
        Caller caller = CallerContext.of(security);
        if (body == null || !body.path("on").isBoolean()) {
            throw ApiException.badRequest("on", "send {\"on\":true} or {\"on\":false}");
        }
        DeviceView view = repository.device(device)
                .orElseThrow(() -> ApiException.notFound("device", "no device '" + device + "' is known"));
        String household = access.device(caller, device, view.gateway(), Scope.RELAY_WRITE, null).household();
        if (!view.relay()) {
            throw new ApiException(409, "device", "device '" + device + "' has no relay");
        }
        RelayCommand command = new RelayCommand(UUID.randomUUID().toString(), device, body.get("on").booleanValue());
        String action = command.on() ? "relay.on" : "relay.off";
        Optional<String> answer = commands.request(view.gateway(), command.id(), Json.mapper().writeValueAsString(command),
                CONFIRMATION_TIMEOUT);
        if (answer.isEmpty()) {
            access.control().audit().record(caller, household, action, device, "not confirmed");
            throw new ApiException(504, "device", "gateway " + view.gateway() + " did not confirm within "
                    + CONFIRMATION_TIMEOUT.toSeconds() + " s");
        }
        CommandResult result = Json.mapper().readValue(answer.get(), CommandResult.class);
        access.control().audit().record(caller, household, action, device, result.ok() ? "ok" : "refused: " + result.reason());
        if (!result.ok()) {
            throw new ApiException(504, "device", "the device did not confirm: " + result.reason());
        }
        return Map.of("device", device, "gateway", view.gateway(), "on", result.on());
    }

    /** Ends the command waits in progress when the server stops. */
    @Override
    public void close() {
        commands.close();
    }
}
