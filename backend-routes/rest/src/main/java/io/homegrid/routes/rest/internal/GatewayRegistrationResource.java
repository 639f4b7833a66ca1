package io.homegrid.routes.rest.internal;

import java.util.List;
import java.util.Map;

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

import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;

/**
 * Registering a household's gateways: the admin gets the gateway's secret once, and may rotate
 * or revoke it. Only a registered gateway with its secret can push or poll.
 */
@Path("/api/v1/households/{householdId}/gateways")
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayRegistrationResource {

    private final Access access;

    public GatewayRegistrationResource(Access access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@PathParam("householdId") String household, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        access.member(CallerContext.of(security), household);
        return Paging.answer("gateways", access.control().directory().gateways(household), GatewayRegistration::gateway,
                cursor, limit);
    }

    /** {@code {"gateway":"gw-…","name":…,"description":…,"location":{"lat":…,"lon":…}}} → 201 {@code {"gateway","secret"}} */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@PathParam("householdId") String household, JsonNode body, @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "register gateways");
        JsonFields fields = JsonFields.of(body);
        String gateway = fields.text("gateway");
        String secret = access.control().directory().registerGateway(new GatewayRegistration(gateway, household,
                fields.optionalText("name"), fields.optionalText("description"), fields.optionalNumber("location", "lat"),
                fields.optionalNumber("location", "lon"), true, null, null));
        access.control().audit().record(admin, household, "gateway.register", gateway, "ok");
        return Response.status(201).entity(Map.of("gateway", gateway, "secret", secret))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{gatewayId}/secret")
    public Response rotate(@PathParam("householdId") String household, @PathParam("gatewayId") String gateway,
            @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "rotate gateway secrets");
        requireIn(household, gateway);
        String secret = access.control().directory().rotateSecret(gateway);
        access.control().audit().record(admin, household, "gateway.secret.rotate", gateway, "ok");
        return Response.ok(Map.of("gateway", gateway, "secret", secret)).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{gatewayId}/secret")
    public Response revoke(@PathParam("householdId") String household, @PathParam("gatewayId") String gateway,
            @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "revoke gateway secrets");
        requireIn(household, gateway);
        access.control().directory().revokeSecret(gateway);
        access.control().audit().record(admin, household, "gateway.secret.revoke", gateway, "ok");
        return Response.noContent().build();
    }

    private void requireIn(String household, String gateway) {
        QueryParams.id(gateway, "gatewayId");
        if (access.control().directory().gateway(gateway).filter(g -> g.household().equals(household)).isEmpty()) {
            throw ApiException.notFound("gatewayId", "household '" + household + "' has no gateway '" + gateway + "'");
        }
    }
}
