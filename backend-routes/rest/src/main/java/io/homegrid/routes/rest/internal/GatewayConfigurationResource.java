package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.CommandResult;
import io.homegrid.model.ConfigurationCommand;
import io.homegrid.model.GatewaySettingRules;

/**
 * A gateway's settings (push period, backlog rate, batch size, calibration) as the gateway
 * reports them, read and changed at the backend; the gateway applies a change through its
 * ConfigAdmin and answers with every setting in effect.
 */
@Path("/api/v1/gateways/{gatewayId}/configuration")
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayConfigurationResource {

    /** A gateway answers at once; this covers its long poll being between two requests. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final GatewayAdministration administration;

    public GatewayConfigurationResource(GatewayAdministration administration) {
        this.administration = administration;
    }

    @GET
    public Map<String, Object> read(@PathParam("gatewayId") String gateway, @Context SecurityContext security)
            throws JsonProcessingException {
        GatewayAdministration.Managed admin = administration.admin(gateway, security, "read a gateway's configuration");
        CommandResult result = administration.send(gateway, new ConfigurationCommand(UUID.randomUUID().toString(),
                Map.of()), ANSWER_TIMEOUT, admin, null, "settings");
        return Map.of("gateway", gateway, "settings", result.settings() == null ? Map.of() : result.settings());
    }

    /** A JSON object of the settings to change, e.g. {@code {"intervalMillis": 500}}; the others stay. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> change(@PathParam("gatewayId") String gateway, JsonNode body,
            @Context SecurityContext security) throws JsonProcessingException {
        GatewayAdministration.Managed admin = administration.admin(gateway, security, "change a gateway's configuration");
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("settings", "send a JSON object of the settings to change, e.g."
                    + " {\"intervalMillis\": 500}");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            JsonNode value = field.getValue();
            if (!value.isNumber() && !value.isTextual()) {
                throw ApiException.badRequest(field.getKey(), "must be a number");
            }
            Optional<String> refusal = GatewaySettingRules.refusal(field.getKey(), value.asText());
            if (refusal.isPresent()) {
                throw ApiException.badRequest(field.getKey(), refusal.get());
            }
            changes.put(field.getKey(), value.asText());
        }
        CommandResult result = administration.send(gateway, new ConfigurationCommand(UUID.randomUUID().toString(),
                changes), ANSWER_TIMEOUT, admin, "gateway.configure", "settings");
        return Map.of("gateway", gateway, "settings", result.settings() == null ? Map.of() : result.settings());
    }
}
