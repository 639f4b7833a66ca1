package io.homegrid.routes.rest.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.security.ApplicationAccount;
import io.homegrid.security.Caller;
import io.homegrid.sharing.Webhooks;

/**
 * Third-party applications: registered by operators (the client secret is shown once), listed
 * for anyone who may grant them access.
 */
@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
public final class ApplicationResource {

    private final Access access;
    private final Webhooks webhooks;

    public ApplicationResource(Access access, Webhooks webhooks) {
        this.access = access;
        this.webhooks = webhooks;
    }

    @GET
    public Map<String, Object> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        if (!(CallerContext.of(security) instanceof Caller.User)) {
            throw new ApiException(403, "Authorization", "only people list applications");
        }
        return Paging.answer("applications", access.control().directory().applications(), ApplicationAccount::clientId,
                cursor, limit);
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

    /**
     * Issue 14, data sharing: {@code {"url":"https://…"}} gives the application a delivery endpoint
     * (a new signing key each time, shown only here); what households grant it is pushed there.
     */
    @PUT
    @Path("{clientId}/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registerWebhook(@PathParam("clientId") String application, JsonNode body,
            @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "register webhooks");
        String url = JsonFields.of(body).text("url");
        Webhooks.Registration registration;
        try {
            registration = webhooks.register(application, URI.create(url));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("url", e.getMessage());
        } catch (Webhooks.UnknownApplication e) {
            throw ApiException.notFound("clientId", e.getMessage());
        }
        // The host only: a URL's path or query may carry a token of the service's.
        access.control().audit().record(operator, null, "webhook.register", application + " " + URI.create(url).getHost(),
                "ok");
        return Response.ok(registration).header("Cache-Control", "no-store").build();
    }

    /** How the application's deliveries go: waiting, delivered, the last error. */
    @GET
    @Path("{clientId}/webhook")
    public Webhooks.Status webhook(@PathParam("clientId") String application, @Context SecurityContext security) {
        access.operator(CallerContext.of(security), "read webhooks");
        return webhooks.status(application).orElseThrow(() -> ApiException.notFound("clientId",
                "application '" + application + "' has no webhook"));
    }

    @DELETE
    @Path("{clientId}/webhook")
    public Response removeWebhook(@PathParam("clientId") String application, @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "remove webhooks");
        if (!webhooks.remove(application)) {
            throw ApiException.notFound("clientId", "application '" + application + "' has no webhook");
        }
        access.control().audit().record(operator, null, "webhook.remove", application, "ok");
        return Response.noContent().build();
    }
}
