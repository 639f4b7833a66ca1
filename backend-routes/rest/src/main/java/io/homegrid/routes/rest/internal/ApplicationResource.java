package io.homegrid.routes.rest.internal;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.security.ApplicationAccount;
import io.homegrid.security.Caller;

/**
 * Third-party applications: registered by operators (the client secret is shown once), listed
 * for anyone who may grant them access.
 */
@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
public final class ApplicationResource {

    private final Access access;

    public ApplicationResource(Access access) {
        this.access = access;
    }

    @GET
    public Map<String, List<ApplicationAccount>> list(@Context SecurityContext security) {
        if (!(CallerContext.of(security) instanceof Caller.User)) {
            throw new ApiException(403, "Authorization", "only people list applications");
        }
        return Map.of("applications", access.control().directory().applications());
    }

    /** {@code {"clientId":…,"name":…}} → 201 {@code {"clientId","clientSecret"}} */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(JsonNode body, @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "register applications");
        JsonFields fields = JsonFields.of(body);
        String clientId = fields.text("clientId");
        String secret = access.control().directory().registerApplication(clientId, fields.text("name"));
        access.control().audit().record(operator, null, "application.register", clientId, "ok");
        return Response.status(201).entity(Map.of("clientId", clientId, "clientSecret", secret))
                .header("Cache-Control", "no-store").build();
    }
}
