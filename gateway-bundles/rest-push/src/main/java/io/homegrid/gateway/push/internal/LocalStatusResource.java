package io.homegrid.gateway.push.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import io.homegrid.gateway.push.GatewayReport;

/**
 * What an installer asks a gateway first: {@code GET /health} (radio, cache, backend link; 503
 * when one is down, with which) and {@code GET /api/v1/status} (the figures behind them).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class LocalStatusResource {

    private final String gateway;
    private final Supplier<GatewayReport> reports;

    /** @param reports asked once per request */
    public LocalStatusResource(String gateway, Supplier<GatewayReport> reports) {
        this.gateway = gateway;
        this.reports = reports;
    }

    @GET
    @Path("health")
    public Response health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        GatewayReport report;
        try {
            report = reports.get();
        } catch (RuntimeException e) {
            // the cache is the part that can fail to answer (its file)
            checks.put("cache", check(false, "cannot read the cache: " + e.getMessage()));
            return Response.status(503).entity(Map.of("status", "DOWN", "gateway", gateway, "checks", checks)).build();
        }
        checks.put("radio", check(report.radioConnected(), report.radioConnected() ? "connected" : "no radio connected"));
        checks.put("cache", check(true, report.cacheDepth() + " reading(s) waiting"));
        checks.put("backend", check(report.backendReachable(), report.backendReachable() ? "reachable"
                : "not reachable; readings wait in the cache"));
        boolean up = report.radioConnected() && report.backendReachable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("gateway", gateway);
        body.put("checks", checks);
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    @GET
    @Path("api/v1/status")
    public Map<String, Object> status() {
        GatewayReport report = reports.get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("gateway", gateway);
        status.put("radios", report.radios());
        status.put("devices", Map.of("known", report.devicesKnown(), "joined", report.devicesJoined()));
        Map<String, Object> cached = new LinkedHashMap<>();
        cached.put("depth", report.cacheDepth());
        cached.put("oldest", report.oldest() == null ? null : report.oldest().toString());
        cached.put("evicted", report.evicted());
        status.put("cache", cached);
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("reachable", report.backendReachable());
        backend.put("lastPush", report.lastPush() == null ? null : report.lastPush().toString());
        backend.put("pushed", report.pushed());
        backend.put("busyAnswers", report.busyAnswers());
        status.put("backend", backend);
        return status;
    }

    private static Map<String, Object> check(boolean up, String detail) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", up ? "UP" : "DOWN");
        check.put("detail", detail);
        return check;
    }
}
