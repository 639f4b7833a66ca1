package io.homegrid.gateway.push.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.homegrid.gateway.push.GatewayReport;

/**
 * The answers of the gateway's {@code GET /health} (radio, cache, backend link; 503 when one is
 * down, with which) and {@code GET /api/v1/status} (the figures behind them), whichever HTTP
 * server serves them: JAX-RS in the embedded gateway, a servlet in Felix.
 */
public final class LocalStatusBodies {

    /** A status code and its JSON body. */
    public record Answer(int status, Map<String, Object> body) {
    }

    private final String gateway;
    private final Supplier<GatewayReport> reports;

    /** @param reports asked once per request */
    public LocalStatusBodies(String gateway, Supplier<GatewayReport> reports) {
        this.gateway = gateway;
        this.reports = reports;
    }

    public Answer health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        GatewayReport report;
        try {
            report = reports.get();
        } catch (RuntimeException e) {
            // the cache is the part that can fail to answer (its file)
            checks.put("cache", check(false, "cannot read the cache: " + e.getMessage()));
            return new Answer(503, Map.of("status", "DOWN", "gateway", gateway, "checks", checks));
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
        return new Answer(up ? 200 : 503, body);
    }

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
