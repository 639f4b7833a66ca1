package io.homegrid.gateway.push.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.push.ReadingPusher;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.Reading;

/**
 * What an installer asks a gateway first: {@code GET /health} (radio, cache, backend link; 503
 * when one is down, with which) and {@code GET /api/v1/status} (the figures behind them).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class LocalStatusResource {

    private final String gateway;
    private final DeviceDirectory directory;
    private final ReadingCache cache;
    private final ReadingPusher pusher;
    private final Supplier<List<ProtocolAdapter>> adapters;

    public LocalStatusResource(String gateway, DeviceDirectory directory, ReadingCache cache, ReadingPusher pusher,
            Supplier<List<ProtocolAdapter>> adapters) {
        this.gateway = gateway;
        this.directory = directory;
        this.cache = cache;
        this.pusher = pusher;
        this.adapters = adapters;
    }

    @GET
    @Path("health")
    public Response health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean radio = adapters.get().stream().anyMatch(ProtocolAdapter::connected);
        checks.put("radio", check(radio, radio ? "connected" : "no radio connected"));
        boolean cacheUp;
        String cacheDetail;
        try {
            cacheDetail = cache.size() + " reading(s) waiting";
            cacheUp = true;
        } catch (RuntimeException e) {
            cacheDetail = "cannot read the cache: " + e.getMessage();
            cacheUp = false;
        }
        checks.put("cache", check(cacheUp, cacheDetail));
        boolean backend = pusher.reachable();
        checks.put("backend", check(backend, backend ? "reachable" : "not reachable; readings wait in the cache"));
        boolean up = radio && cacheUp && backend;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("gateway", gateway);
        body.put("checks", checks);
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    @GET
    @Path("api/v1/status")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("gateway", gateway);
        List<Map<String, Object>> radios = new ArrayList<>();
        for (ProtocolAdapter adapter : adapters.get()) {
            radios.add(Map.of("protocol", adapter.protocol(), "connected", adapter.connected()));
        }
        status.put("radios", radios);
        List<DeviceDescription> devices = directory.devices();
        status.put("devices", Map.of("known", devices.size(),
                "joined", devices.stream().filter(d -> d.state() == DeviceState.JOINED).count()));
        Map<String, Object> cached = new LinkedHashMap<>();
        cached.put("depth", cache.size());
        cached.put("oldest", cache.oldest(1).stream().map(Reading::time).map(Instant::toString).findFirst().orElse(null));
        cached.put("evicted", cache.evicted());
        status.put("cache", cached);
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("reachable", pusher.reachable());
        Instant last = pusher.lastPush();
        backend.put("lastPush", last == null ? null : last.toString());
        backend.put("pushed", pusher.pushed());
        backend.put("busyAnswers", pusher.busyAnswers());
        status.put("backend", backend);
        return status;
    }

    private static Map<String, Object> check(boolean up, String detail) {
        return Map.of("status", up ? "UP" : "DOWN", "detail", detail);
    }
}
