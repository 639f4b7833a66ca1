package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.Consumes;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.CommandResult;
import io.homegrid.model.json.Json;
import io.homegrid.routes.rest.CommandBus;

/**
 * The gateways' end of the command channel: a long poll for the next command, and the result.
 * Each poll holds a server thread for up to its wait; fine for thousands of gateways, not for a
 * million (that would want asynchronous responses).
 */
@Path("/api/v1/gateways/{gatewayId}/commands")
@Produces(MediaType.APPLICATION_JSON)
public final class CommandChannelResource implements AutoCloseable {

    private static final int MAX_WAIT_SECONDS = 30;

    private final Access access;
    private final CommandBus commands;
    private final ConcurrentRequests polls;

    public CommandChannelResource(Access access, CommandBus commands, int pollsPerGateway,
            ConcurrentRequests.Budget held) {
        this.polls = new ConcurrentRequests("command polls", pollsPerGateway, held);
        this.access = access;
        this.commands = commands;
    }

    @GET
    public Response next(@PathParam("gatewayId") String gateway, @QueryParam("waitSeconds") String wait,
            @Context SecurityContext security) {
        QueryParams.id(gateway, "gatewayId");
        access.ownGateway(CallerContext.of(security), gateway);
        int seconds = QueryParams.boundedInt(wait, "waitSeconds", 20, MAX_WAIT_SECONDS);
        try (ConcurrentRequests.Slot slot = polls.take(gateway)) {
            Optional<String> command = commands.next(gateway, Duration.ofSeconds(seconds));
            return command.map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build())
                    .orElseGet(() -> Response.noContent().build());
        }
    }

    @POST
    @Path("{commandId}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response result(@PathParam("gatewayId") String gateway, @PathParam("commandId") String id, JsonNode body,
            @Context SecurityContext security) throws JsonProcessingException {
        QueryParams.id(gateway, "gatewayId");
        access.ownGateway(CallerContext.of(security), gateway);
        if (body == null || !body.path("ok").isBoolean()) {
            throw ApiException.badRequest("ok", "a command result needs \"ok\": true or false");
        }
        CommandResult result = Json.mapper().treeToValue(body, CommandResult.class);
        if (!id.equals(result.id())) {
            throw ApiException.badRequest("id", "does not match the command in the path, '" + id + "'");
        }
        commands.reply(gateway, id, Json.mapper().writeValueAsString(result));
        return Response.accepted(Map.of("id", id)).build();
    }

    /** Ends the command waits in progress when the server stops. */
    @Override
    public void close() {
        commands.close();
    }
}
