package io.homegrid.gateway.push.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.gateway.api.test.StubAdapter;
import io.homegrid.gateway.cache.Retention;
import io.homegrid.gateway.cache.SqliteReadingCache;
import io.homegrid.gateway.devices.DeviceList;
import io.homegrid.gateway.push.PushService;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.model.SensorKind;
import io.homegrid.model.json.Json;

/** The component without a container: configuration from a map, a real cache, a stub backend and a stub radio. */
@SuppressWarnings("unchecked")
class PushComponentTest {

    @TempDir
    Path dir;
    private HttpServer backend;
    private final List<JsonNode> readings = new CopyOnWriteArrayList<>();
    private final List<JsonNode> results = new CopyOnWriteArrayList<>();
    private final AtomicBoolean commandSent = new AtomicBoolean();
    private final PushComponent component = new PushComponent();

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", this::answer);
        backend.start();
        component.cache = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, Clock.systemUTC());
        component.devices = new DeviceList(Duration.ofMinutes(1), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (component.service() != null) {
            component.deactivate();
        }
        backend.stop(0);
        ((SqliteReadingCache) component.cache).close();
    }

    @Test
    void theDefaultConfigurationIsTheSettingsDefault() {
        assertThat(PushComponent.settings(ComponentConfig.defaults(PushConfig.class))).isEqualTo(PushSettings.DEFAULT);
    }

    @Test
    void activationStartsTheServiceTheLauncherStartsAndItDeliversTheCache() {
        component.activate(configured(), context);
        component.cache.accept(List.of(new Measurement("plug", SensorKind.POWER, 42, Instant.now())));

        assertThat(component.service()).isInstanceOf(PushService.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> component.cache.size() == 0);
        assertThat(readings).extracting(batch -> batch.path("readings").path(0).path("value").asDouble()).contains(42.0);
    }

    @Test
    void aRelayCommandFromTheBackendIsSwitchedThroughTheBoundAdapterAndItsResultReported() {
        component.addAdapter(StubAdapter.confirming("plug"));
        component.activate(configured(), context);

        await().atMost(Duration.ofSeconds(10)).until(() -> !results.isEmpty());
        assertThat(results.get(0).path("ok").asBoolean()).isTrue();
        assertThat(results.get(0).path("on").asBoolean()).isFalse();
    }

    @Test
    void activationOffersTheHomegridShellCommandsToGogo() throws Exception {
        component.activate(configured(), context);

        List<java.util.Dictionary<String, ?>> shell = registered.stream().filter(r -> r.get("osgi.command.scope") != null)
                .toList();
        assertThat(shell).extracting(r -> (Object) r.get("osgi.command.function"))
                .containsExactlyElementsOf(List.copyOf(io.homegrid.gateway.push.GatewayShell.COMMANDS));
        assertThat(shell).extracting(r -> (Object) r.get("osgi.command.scope")).containsOnly("homegrid");
        // and, with the servlet API at hand, /health and /api/v1/status on the HTTP whiteboard
        assertThat(registered).anySatisfy(r -> assertThat((String[]) r.get("osgi.http.whiteboard.servlet.pattern"))
                .containsExactly("/health", "/api/v1/status"));
        Object status = ((org.apache.felix.service.command.Function) functions.get(0)).execute(null, List.of());
        assertThat(status.toString()).contains("gateway  gw-test").contains("cache    ").contains("backend  ");
    }

    /** Records what the component registers, as a framework would hold it. */
    private final List<java.util.Dictionary<String, ?>> registered = new java.util.ArrayList<>();
    private final List<Object> functions = new java.util.ArrayList<>();
    private final org.osgi.framework.BundleContext context = (org.osgi.framework.BundleContext) java.lang.reflect.Proxy
            .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {org.osgi.framework.BundleContext.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("registerService")) {
                            functions.add(args[1]);
                            registered.add((java.util.Dictionary<String, ?>) args[2]);
                            return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                    new Class<?>[] {org.osgi.framework.ServiceRegistration.class}, (p, m, a) -> null);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });

    private PushConfig configured() {
        return ComponentConfig.build(PushConfig.class, Map.of("backend", "http://127.0.0.1:" + backend.getAddress().getPort(),
                "gateway", "gw-test", "intervalMillis", 100, "commandWaitSeconds", 1));
    }

    private void answer(HttpExchange exchange) throws java.io.IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String response = "{\"accepted\":1,\"rejected\":[]}";
        int status = 202;
        if (path.endsWith("/readings")) {
            readings.add(Json.mapper().readTree(body));
        } else if (path.endsWith("/result")) {
            results.add(Json.mapper().readTree(body));
        } else if (path.endsWith("/commands")) {
            boolean first = commandSent.compareAndSet(false, true);
            status = first ? 200 : 204;
            response = first ? "{\"id\":\"c1\",\"device\":\"plug\",\"on\":false}" : "";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
