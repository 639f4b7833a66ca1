package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.CommandResult;
import io.homegrid.model.DiscoveryCommand;

/**
 * A node discovery on a gateway's radios, asked at the backend: the gateway answers after the
 * discovery's window with every device it knows and those it found.
 */
@Path("/api/v1/gateways/{gatewayId}/discovery")
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayDiscoveryResource {

    /** Beyond the discovery's window: the gateway's long poll may be between two requests. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final GatewayAdministration administration;

    public GatewayDiscoveryResource(GatewayAdministration administration) {
        this.administration = administration;
    }

    @POST
    public Map<String, Object> discover(@PathParam("gatewayId") String gateway, @QueryParam("seconds") String seconds,
            @Context SecurityContext security) throws JsonProcessingException {
        GatewayAdministration.Managed admin = administration.admin(gateway, security, "start a discovery");
        int window = QueryParams.boundedInt(seconds, "seconds", 5, DiscoveryCommand.MAX_SECONDS);
        if (window < 1) {
            throw ApiException.badRequest("seconds", "a discovery lasts at least 1 s");
        }
        CommandResult result = administration.send(gateway, new DiscoveryCommand(UUID.randomUUID().toString(), window),
                MARGIN.plusSeconds(window), admin, "gateway.discovery", "gatewayId");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gateway", gateway);
        answer.put("found", result.found() == null ? List.of() : result.found());
        answer.put("devices", result.devices() == null ? List.of() : result.devices());
        return answer;
    }
}
