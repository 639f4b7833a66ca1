package io.homegrid.routes.rest.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import io.homegrid.model.SensorKind;
import io.homegrid.security.Caller;
import io.homegrid.security.Grant;
import io.homegrid.security.Scope;

/** What a household lets third-party applications see and do; a revocation takes effect at once. */
@Path("/api/v1/households/{householdId}/grants")
@Produces(MediaType.APPLICATION_JSON)
public final class GrantResource {

    private final Access access;

    public GrantResource(Access access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@PathParam("householdId") String household, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        access.admin(CallerContext.of(security), household, "list grants");
        return Paging.answer("grants", access.control().directory().grants(household).stream().map(GrantView::of).toList(),
                grant -> Long.toString(grant.id()), cursor, limit);
    }

    /**
     * {@code {"application":…,"scopes":["readings:read",…],"devices":[…]?,"sensors":["power"]?,
     * "history":"P730D"?,"expires":"…"?}}
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("householdId") String household, JsonNode body, @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "grant access to applications");
        JsonFields fields = JsonFields.of(body);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String wire : fields.texts("scopes")) {
            scopes.add(Scope.of(wire).orElseThrow(() -> ApiException.badRequest("scopes", "'" + wire + "' is not one of "
                    + List.of(Scope.values()).stream().map(Scope::wire).toList())));
        }
        Set<String> sensors = fields.texts("sensors");
        for (String sensor : sensors) {
            if (SensorKind.byId(sensor).isEmpty()) {
                throw ApiException.badRequest("sensors", "'" + sensor + "' is not a sensor kind");
            }
        }
        Set<String> devices = fields.texts("devices");
        devices.forEach(device -> QueryParams.id(device, "devices"));
        Grant grant = access.control().directory().grant(new Grant(0, household, fields.text("application"), scopes, devices,
                sensors, fields.optionalDuration("history"), fields.optionalInstant("expires"), null, null));
        access.control().audit().record(admin, household, "grant.create", grant.application() + " #" + grant.id(), "ok");
        return Response.status(201).entity(GrantView.of(grant)).build();
    }

    @DELETE
    @Path("{grantId}")
    public Response revoke(@PathParam("householdId") String household, @PathParam("grantId") String id,
            @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "revoke grants");
        long grantId = QueryParams.boundedInt(id, "grantId", 0, Integer.MAX_VALUE);
        Grant revoked = access.control().directory().revokeGrant(household, grantId)
                .orElseThrow(() -> ApiException.notFound("grantId", "household '" + household + "' has no grant " + id
                        + " in force"));
        access.control().audit().record(admin, household, "grant.revoke", revoked.application() + " #" + grantId, "ok");
        return Response.noContent().build();
    }

    /** A grant as the API shows it: scopes by their wire names, the history limit as ISO-8601. */
    public record GrantView(long id, String household, String application, List<String> scopes, Set<String> devices,
            Set<String> sensors, String history, Instant expires, Instant created, Instant revoked) {

        static GrantView of(Grant grant) {
            return new GrantView(grant.id(), grant.household(), grant.application(),
                    grant.scopes().stream().map(Scope::wire).sorted().toList(), grant.devices(), grant.sensors(),
                    grant.history() == null ? null : grant.history().toString(), grant.expires(), grant.created(),
                    grant.revoked());
        }
    }
}
