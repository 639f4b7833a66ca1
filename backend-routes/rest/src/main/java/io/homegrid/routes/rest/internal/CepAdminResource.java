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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.cep.InvalidStatementException;
import io.homegrid.cep.StatementAdmin;
import io.homegrid.cep.StatementInfo;
import io.homegrid.security.Caller;

/** CEP administration: list, add (compiled on the spot; errors answered 400 with Esper's message) and remove statements. */
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
    public Map<String, List<StatementInfo>> list(@Context SecurityContext security) {
        access.operator(CallerContext.of(security), "list CEP statements");
        return Map.of("statements", admin.statements());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonNode body, @Context SecurityContext security) {
        Caller operator = access.operator(CallerContext.of(security), "add CEP statements");
        if (body == null || !body.path("name").isTextual()) {
            throw ApiException.badRequest("name", "a statement needs a \"name\"");
        }
        String name = QueryParams.id(body.get("name").textValue(), "name");
        if (!body.path("epl").isTextual() || body.get("epl").textValue().isBlank()) {
            throw ApiException.badRequest("epl", "a statement needs its \"epl\"");
        }
        try {
            StatementInfo added = admin.add(name, body.get("epl").textValue());
            access.control().audit().record(operator, null, "statement.add", name, "ok");
            return Response.status(201).entity(added).build();
        } catch (InvalidStatementException e) {
            access.control().audit().record(operator, null, "statement.add", name, "refused: " + e.getMessage());
            throw ApiException.badRequest("epl", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "name", e.getMessage());
        }
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name, @Context SecurityContext security) {
        Caller operator = access.operator(CallerContext.of(security), "remove CEP statements");
        boolean builtIn = admin.statements().stream().anyMatch(s -> s.name().equals(name) && s.builtIn());
        if (builtIn) {
            throw new ApiException(409, "name", "'" + name + "' is a built-in statement");
        }
        if (!admin.remove(name)) {
            throw ApiException.notFound("name", "no statement '" + name + "'");
        }
        access.control().audit().record(operator, null, "statement.remove", name, "ok");
        return Response.noContent().build();
    }
}
