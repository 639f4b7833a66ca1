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
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.cep.InvalidStatementException;
import io.homegrid.cep.StatementAdmin;
import io.homegrid.cep.StatementInfo;
import io.homegrid.security.Caller;

/**
 * CEP administration: list, add (compiled on the spot; errors answered 400 with Esper's message)
 * and remove statements. Operators manage statements for every household or for one; a household
 * admin manages statements that run on their own household's gateways only, and sees those beside
 * the built-in and platform ones.
 */
@Path("/api/v1/cep/statements")
@Produces(MediaType.APPLICATION_JSON)
public final class CepAdminResource {

    private final Access access;
    private final StatementAdmin admin;

    public CepAdminResource(Access access, StatementAdmin admin) {
        this.access = access;
        this.admin = admin;
    }

    @GET
    public Map<String, Object> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller.User user = access.manager(CallerContext.of(security), "list CEP statements");
        return Paging.answer("statements", admin.statements().stream()
                .filter(statement -> user.operator() || statement.household() == null
                        || statement.household().equals(user.household()))
                .toList(), StatementInfo::name, cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonNode body, @Context SecurityContext security) {
        Caller.User user = access.manager(CallerContext.of(security), "add CEP statements");
        if (body == null || !body.path("name").isTextual()) {
            throw ApiException.badRequest("name", "a statement needs a \"name\"");
        }
        String name = QueryParams.id(body.get("name").textValue(), "name");
        if (!body.path("epl").isTextual() || body.get("epl").textValue().isBlank()) {
            throw ApiException.badRequest("epl", "a statement needs its \"epl\"");
        }
        String household = household(user, body.get("household"));
        try {
            StatementInfo added = admin.add(name, body.get("epl").textValue(), household);
            access.control().audit().record(user, household, "statement.add", name, "ok");
            return Response.status(201).entity(added).build();
        } catch (InvalidStatementException e) {
            access.control().audit().record(user, household, "statement.add", name, "refused: " + e.getMessage());
            throw ApiException.badRequest("epl", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "name", e.getMessage());
        }
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name, @Context SecurityContext security) {
        Caller.User user = access.manager(CallerContext.of(security), "remove CEP statements");
        StatementInfo statement = admin.statements().stream().filter(s -> s.name().equals(name)).findFirst()
                .filter(s -> user.operator() || s.household() == null || s.household().equals(user.household()))
                .orElseThrow(() -> ApiException.notFound("name", "no statement '" + name + "'"));
        if (statement.builtIn()) {
            throw new ApiException(409, "name", "'" + name + "' is a built-in statement");
        }
        if (!user.operator() && statement.household() == null) {
            throw new ApiException(403, "name", "'" + name + "' runs on every household: only operators may remove it");
        }
        if (!admin.remove(name)) {
            throw ApiException.notFound("name", "no statement '" + name + "'");
        }
        access.control().audit().record(user, statement.household(), "statement.remove", name, "ok");
        return Response.noContent().build();
    }


    /** The household a new statement runs on: an admin's own; for an operator the one named, or every one (null). */
    private String household(Caller.User user, JsonNode named) {
        if (named != null && !named.isNull() && !named.isTextual()) {
            throw ApiException.badRequest("household", "a household id, or null for every household");
        }
        return access.managedHousehold(user, named == null || named.isNull() ? null : named.textValue());
    }
}
