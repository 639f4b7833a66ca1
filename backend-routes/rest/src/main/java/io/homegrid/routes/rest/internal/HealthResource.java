package io.homegrid.routes.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.homegrid.routes.rest.HealthCheck;

/** 200 when every part is up; 503 naming the parts that are not. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final List<HealthCheck> checks;

    public HealthResource(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @GET
    @Public
    public Response health() {
        Map<String, Part> parts = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            String problem = check.problem();
            up &= problem == null;
            parts.put(check.name(), new Part(problem == null ? "UP" : "DOWN", problem, check.detail()));
        }
        return Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN", parts)).build();
    }

    public record Health(String status, Map<String, Part> checks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(String status, String problem, String detail) {
    }
}
