package io.homegrid.gateway.push.internal;

import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import io.homegrid.gateway.push.GatewayReport;

/** {@code GET /health} and {@code GET /api/v1/status} on the embedded gateway's JAX-RS local API. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class LocalStatusResource {

    private final LocalStatusBodies bodies;

    /** @param reports asked once per request */
    public LocalStatusResource(String gateway, Supplier<GatewayReport> reports) {
        this.bodies = new LocalStatusBodies(gateway, reports);
    }

    @GET
    @Path("health")
    public Response health() {
        LocalStatusBodies.Answer answer = bodies.health();
        return Response.status(answer.status()).entity(answer.body()).build();
    }

    @GET
    @Path("api/v1/status")
    public Map<String, Object> status() {
        return bodies.status();
    }
}
