package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;
import io.homegrid.security.AccessControl;
import io.homegrid.security.Grant;
import io.homegrid.security.Role;
import io.homegrid.security.Scope;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 11's access matrix: every endpoint called by every kind of identity, on a real backend,
 * with the status each must get, and a check that the denied calls changed nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessMatrixIT {

    /** The column order of every row's expected statuses. */
    private static final List<String> IDENTITIES = List.of("none", "residentA", "residentB", "adminA", "operator",
            "appGranted", "appWithout", "gatewayA", "gatewayB");
    private static final String PLUG = "a-plug";

    @TempDir
    static Path dataDir;
    private EmbeddedBackend backend;
    private AccessFixture fixture;
    private Http http;
    private String householdA;
    private String householdB;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final AtomicInteger seq = new AtomicInteger(1_000);
    private Thread gatewayA;

    @BeforeAll
    void aBackendWithTwoHouseholds() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        fixture = AccessFixture.around(backend.access());
        http = Http.to(backend, port).anonymous();
        AccessControl access = backend.access().access();
        householdA = fixture.household("A").id();
        householdB = fixture.household("B").id();
        fixture.gatewaySecret("gw-a", householdA);
        fixture.gatewaySecret("gw-b", householdB);
        fixture.gatewaySecret("gw-a-spare", householdA);
        headers.put("none", null);
        headers.put("residentA", fixture.person("res-a", Role.RESIDENT, householdA));
        headers.put("residentB", fixture.person("res-b", Role.RESIDENT, householdB));
        headers.put("adminA", fixture.person("admin-a", Role.HOUSEHOLD_ADMIN, householdA));
        headers.put("operator", fixture.operator());
        String granted = access.directory().registerApplication("utility", "A utility");
        String without = access.directory().registerApplication("stranger", "Nobody granted it anything");
        access.directory().grant(new Grant(0, householdA, "utility", Set.of(Scope.READINGS_READ), Set.of(), Set.of("power"),
                null, null, null, null));
        headers.put("appGranted", "Bearer " + access.clientToken("utility", granted).value());
        headers.put("appWithout", "Bearer " + access.clientToken("stranger", without).value());
        headers.put("gatewayA", fixture.gateway("gw-a"));
        headers.put("gatewayB", fixture.gateway("gw-b"));

        Http asA = http.as(headers.get("gatewayA"));
        assertThat(asA.post("/api/v1/gateways/gw-a/devices", "{\"devices\":[{\"device\":\"" + PLUG + "\",\"type\":\"smart-plug\","
                + "\"name\":\"Fridge\",\"sensors\":[{\"sensor\":\"power\",\"unit\":\"W\"},{\"sensor\":\"temperature\",\"unit\":\"C\"}],"
                + "\"relay\":true,\"state\":\"joined\"},{\"device\":\"a-battery\",\"type\":\"battery\",\"name\":\"Battery\","
                + "\"sensors\":[{\"sensor\":\"battery\",\"unit\":\"W\"},{\"sensor\":\"soc\",\"unit\":\"%\"}],"
                + "\"relay\":false,\"state\":\"joined\"}]}").status()).isEqualTo(202);
        assertThat(asA.post("/api/v1/gateways/gw-a/readings", batch("gw-a", power(PLUG, 80, 1, 5))).status()).isEqualTo(202);
        await().untilAsserted(() -> assertThat(http.as(headers.get("operator")).get("/api/v1/devices/" + PLUG + "/latest")
                .json().path("readings").size()).isEqualTo(1));
        gatewayA = new Thread(() -> confirmCommands(asA), "gateway-a-commands");
        gatewayA.start();
    }

    @AfterAll
    void stop() throws Exception {
        polling.set(false);
        gatewayA.join(TimeUnit.SECONDS.toMillis(10));
        backend.close();
    }

    /** Gateway A's side of the command channel: every command is confirmed. */
    private void confirmCommands(Http asA) {
        while (polling.get()) {
            try {
                Http.Answer command = asA.get("/api/v1/gateways/gw-a/commands?waitSeconds=1");
                if (command.status() == 200) {
                    JsonNode json = command.json();
                    String id = json.get("id").asText();
                    String answer = switch (json.path("kind").asText()) {
                        case "discover" -> "\"devices\":[],\"found\":[]";
                        case "configure" -> "\"settings\":{\"intervalMillis\":\"500\"}";
                        case "bundles" -> "\"bundles\":[]";
                        case "install-bundle" -> "\"outcome\":\"updated\",\"bundles\":[]";
                        case "setpoint" -> "\"watts\":" + json.get("watts");
                        default -> "\"on\":" + json.get("on");
                    };
                    asA.post("/api/v1/gateways/gw-a/commands/" + id + "/result", "{\"id\":\"" + id + "\",\"ok\":true," + answer + "}");
                }
            } catch (Exception e) {
                if (polling.get()) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    @Order(1) // the others add households' things the matrix counts
    void everyEndpointAnswersEveryIdentityAsTheMatrixSays() throws Exception {
        String window = "{\"from\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\",\"duration\":\"PT1M\","
                + "\"gateways\":[\"gw-a\"],\"speed\":\"max\"}";
        long replay = http.as(headers.get("operator")).post("/api/v1/replays", window).json().get("id").asLong();
        io.homegrid.security.Communities communities = backend.access().access().communities();
        communities.create(new io.homegrid.security.Community("matrix", "A's community", null, 5_000, 1_000, null));
        communities.create(new io.homegrid.security.Community("joinable", "Nobody's yet", null, 5_000, 1_000, null));
        communities.join("matrix", householdA, "fixture");
        //                                                       none resA resB admA  op  appG appN gwA gwB
        List<Row> rows = List.of(
                get("/health",                                    "200 200 200 200 200 200 200 200 200"),
                post("/api/v1/auth/token", who -> "{\"username\":\"res-a\",\"password\":\"wrong password\"}",
                                                                  "401 401 401 401 401 401 401 401 401"),
                get("/api/v1/gateways",                           "401 200 200 200 200 200 200 403 403"),
                get("/api/v1/gateways/gw-a/devices",              "401 200 404 200 200 200 404 403 403"),
                get("/api/v1/gateways/gw-a/aggregates",           "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/devices/" + PLUG + "/latest",        "401 200 404 200 200 200 404 403 403"),
                get("/api/v1/devices/" + PLUG + "/readings?sensor=power", "401 200 404 200 200 200 404 403 403"),
                get("/api/v1/devices/" + PLUG + "/readings?sensor=temperature", "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/devices/" + PLUG + "/readings",      "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/events?gateway=gw-a",                "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/events",                             "401 200 200 200 200 200 200 403 403"),
                get("/api/v1/invalid-readings?gateway=gw-a",      "401 200 404 200 200 200 404 403 403"),
                get("/api/v1/invalid-readings",                   "401 403 403 403 200 403 403 403 403"),
                get("/api/v1/stats",                              "401 403 403 403 200 403 403 403 403"),
                get("/metrics",                                   "401 403 403 403 200 403 403 403 403"),
                get("/api/v1/openapi.json",                       "200 200 200 200 200 200 200 200 200"),
                get("/api/docs",                                  "200 200 200 200 200 200 200 200 200"),
                get("/api/docs/swagger-ui-bundle.js",             "200 200 200 200 200 200 200 200 200"),
                // the dashboard: a page and its scripts, public; what it shows comes from the API above
                get("/",                                          "200 200 200 200 200 200 200 200 200"),
                get("/ui/app.js",                                 "200 200 200 200 200 200 200 200 200"),
                get("/ui/echarts.min.js",                         "200 200 200 200 200 200 200 200 200"),
                get("/ui/..%2Fdashboard%2FDashboardResource.class", "404 404 404 404 404 404 404 404 404"),
                live("/api/v1/live?gateway=gw-a",                 "401 200 404 200 200 403 404 403 403"),
                live("/api/v1/live",                              "401 200 200 200 200 200 200 403 403"),
                // the WebSocket channel logs in with a token: a gateway's Basic secret is no token (401)
                socket("A",                                       "401 200 404 200 200 403 404 401 401"),
                // issue 17: a community's residual on the WebSocket, for those who read the community
                socket("community:matrix",                        "401 200 404 200 200 404 404 401 401"),
                post("/api/v1/devices/" + PLUG + "/relay", who -> "{\"on\":false}",
                                                                  "401 200 404 200 200 403 404 403 403"),
                // issue 17: holding a household's battery at a setpoint, as switching its relay
                post("/api/v1/devices/a-battery/setpoint", who -> "{\"watts\":500}",
                                                                  "401 200 404 200 200 403 404 403 403"),
                post("/api/v1/gateways/gw-a/readings", who -> batch("gw-a", power(PLUG, 5_000, seq.incrementAndGet(), 1)),
                                                                  "401 403 403 403 403 403 403 202 403"),
                post("/api/v1/gateways/gw-a/devices", who -> "{\"devices\":[{\"device\":\"" + who.toLowerCase()
                        + "-plug\",\"type\":\"smart-plug\",\"state\":\"joined\"}]}",
                                                                  "401 403 403 403 403 403 403 202 403"),
                get("/api/v1/gateways/gw-a/commands?waitSeconds=1", "401 403 403 403 403 403 403 204 403"),
                // Issue 16, item 6: a gateway's administration through the backend: its household's admins and operators
                post("/api/v1/gateways/gw-a/discovery?seconds=1", who -> "",
                                                                  "401 403 404 200 200 404 404 404 404"),
                get("/api/v1/gateways/gw-a/configuration",        "401 403 404 200 200 404 404 404 404"),
                put("/api/v1/gateways/gw-a/configuration", who -> "{\"intervalMillis\":500}",
                                                                  "401 403 404 200 200 404 404 404 404"),
                // Issue 16, item 5: bundles: the versions for the household's admins, sending them for operators
                get("/api/v1/gateways/gw-a/bundles",              "401 403 404 200 200 404 404 404 404"),
                jar("/api/v1/gateways/gw-a/bundles",              "401 403 403 403 200 403 403 403 403"),
                jar("/api/v1/rollouts?gateway=gw-a",              "401 403 403 403 202 403 403 403 403"),
                get("/api/v1/rollouts/1",                         "401 403 403 403 200 403 403 403 403"),
                post("/api/v1/gateways/gw-a/commands/c-1/result", who -> "{\"id\":\"c-1\",\"ok\":true,\"on\":true}",
                                                                  "401 403 403 403 403 403 403 202 403"),
                get("/api/v1/cep/statements",                     "401 403 403 200 200 403 403 403 403"),
                post("/api/v1/cep/statements", who -> "{\"name\":\"by-" + who + "\",\"epl\":\"select device from PowerReading\"}",
                                                                  "401 403 403 201 201 403 403 403 403"),
                delete("/api/v1/cep/statements/nothing-here",     "401 403 403 404 404 403 403 403 403"),
                get("/api/v1/households",                         "401 200 200 200 200 200 200 200 200"),
                post("/api/v1/households", who -> "{\"name\":\"by " + who + "\",\"timeZone\":\"Europe/Berlin\"}",
                                                                  "401 403 403 403 201 403 403 403 403"),
                get("/api/v1/households/A",                       "401 200 404 200 200 404 404 404 404"),
                get("/api/v1/households/A/gateways",              "401 200 404 200 200 404 404 404 404"),
                // Issue 14: the analyses need aggregates:read, which appGranted does not have
                get("/api/v1/households/A/energy?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z",
                                                                  "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/profile?weeks=1",       "401 200 404 200 200 403 404 403 403"),
                // Issue 17: the forecast reads the analyses' rollups, so it needs aggregates:read too
                get("/api/v1/households/A/forecast?horizon=PT1H", "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/day?date=2026-11-30",   "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/consumers?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&tariff=0.32",
                                                                  "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/virtual-devices",     "401 200 404 200 200 403 404 403 403"),
                post("/api/v1/households/A/virtual-devices", who -> "{\"name\":\"vd-by-" + who.toLowerCase()
                        + "\",\"devices\":[\"" + PLUG + "\"]}",     "401 403 404 201 201 404 404 404 404"),
                get("/api/v1/households/A/virtual-devices/vd-by-operator", "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/virtual-devices/vd-by-operator/energy?from=2026-11-01T00:00:00Z"
                        + "&to=2026-11-02T00:00:00Z",             "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/virtual-devices/vd-by-operator/profile?weeks=1",
                                                                  "401 200 404 200 200 403 404 403 403"),
                get("/api/v1/households/A/virtual-devices/vd-by-operator/day?date=2026-11-30",
                                                                  "401 200 404 200 200 403 404 403 403"),
                delete("/api/v1/households/A/virtual-devices/vd-by-admina", "401 403 404 204 404 404 404 404 404"),
                post("/api/v1/households/A/gateways", who -> "{\"gateway\":\"gw-by-" + who + "\",\"name\":\"n\","
                        + "\"location\":{\"lat\":52.5,\"lon\":13.4}}", "401 403 404 201 201 404 404 404 404"),
                post("/api/v1/households/A/gateways/gw-a-spare/secret", who -> "",
                                                                  "401 403 404 200 200 404 404 404 404"),
                delete("/api/v1/households/A/gateways/gw-a-spare/secret", "401 403 404 204 204 404 404 404 404"),
                get("/api/v1/households/A/users",                 "401 403 404 200 200 404 404 404 404"),
                post("/api/v1/households/A/users", who -> "{\"username\":\"user-by-" + who.toLowerCase()
                        + "\",\"password\":\"long enough\",\"role\":\"resident\"}", "401 403 404 201 201 404 404 404 404"),
                get("/api/v1/households/A/grants",                "401 403 404 200 200 404 404 404 404"),
                post("/api/v1/households/A/grants", who -> "{\"application\":\"stranger\",\"scopes\":[\"events:read\"],"
                        + "\"expires\":\"2099-01-01T00:00:00Z\"}", "401 403 404 201 201 404 404 404 404"),
                delete("/api/v1/households/A/grants/999999",      "401 403 404 404 404 404 404 404 404"),
                // Issue 17: communities. A is a member of 'matrix'; a community shows no household's devices
                get("/api/v1/communities",                        "401 200 200 200 200 403 403 200 200"),
                post("/api/v1/communities", who -> "{\"id\":\"c-by-" + who + "\",\"name\":\"n\",\"limitWatts\":5000,"
                        + "\"lowerLimitWatts\":1000}",             "401 403 403 403 201 403 403 403 403"),
                get("/api/v1/communities/matrix",                 "401 200 404 200 200 404 404 200 404"),
                get("/api/v1/communities/matrix/members",         "401 403 404 403 200 404 404 403 404"),
                put("/api/v1/communities/matrix", who -> "{\"limitWatts\":6000,\"lowerLimitWatts\":1000}",
                                                                  "401 403 404 403 200 404 404 403 404"),
                get("/api/v1/communities/matrix/residual",        "401 200 404 200 200 404 404 200 404"),
                get("/api/v1/communities/matrix/residual/latest", "401 200 404 200 200 404 404 200 404"),
                get("/api/v1/communities/matrix/forecast?horizon=PT1H", "401 200 404 200 200 404 404 200 404"),
                // the operator's join is A's second, after admin A's: refused as joining twice
                put("/api/v1/communities/joinable/members/A", who -> "", "401 403 404 201 400 404 404 404 404"),
                delete("/api/v1/communities/joinable/members/A",  "401 403 404 204 404 404 404 404 404"),
                post("/api/v1/communities/matrix/operators", who -> "{\"username\":\"co-by-" + who.toLowerCase()
                        + "\",\"password\":\"long enough\"}",     "401 403 403 403 201 403 403 403 403"),
                get("/api/v1/applications",                       "401 200 200 200 200 403 403 403 403"),
                post("/api/v1/applications", who -> "{\"clientId\":\"app-by-" + who + "\",\"name\":\"n\"}",
                                                                  "401 403 403 403 201 403 403 403 403"),
                put("/api/v1/applications/utility/webhook", who -> "{\"url\":\"https://hooks.invalid/" + who + "\"}",
                                                                  "401 403 403 403 200 403 403 403 403"),
                get("/api/v1/applications/utility/webhook",       "401 403 403 403 200 403 403 403 403"),
                get("/api/v1/households/A/sharing",               "401 403 404 200 200 404 404 404 404"),
                delete("/api/v1/applications/utility/webhook",    "401 403 403 403 204 403 403 403 403"),
                get("/api/v1/audit",                              "401 403 403 200 200 403 403 403 403"),
                get("/api/v1/audit?household=A",                  "401 403 404 200 200 404 404 404 404"),
                post("/api/v1/replays", who -> window,            "401 403 403 202 202 403 403 403 403"),
                get("/api/v1/replays",                            "401 403 403 200 200 403 403 403 403"),
                get("/api/v1/replays/" + replay,                  "401 403 403 200 200 403 403 403 403"),
                delete("/api/v1/replays/" + replay,               "401 403 403 200 200 403 403 403 403"));

        SoftAssertions softly = new SoftAssertions();
        for (Row row : rows) {
            String[] expected = row.expected().trim().split("\\s+");
            for (int i = 0; i < IDENTITIES.size(); i++) {
                String who = IDENTITIES.get(i);
                int status = call(row, who);
                softly.assertThat(status).as("%s %s as %s", row.method(), row.path(), who).isEqualTo(Integer.parseInt(expected[i]));
            }
        }
        softly.assertAll();

        deniedCallsChangedNothing();
        everyDocumentedOperationIsInTheMatrix(rows);
    }

    /**
     * The matrix and the OpenAPI document list the same operations: an endpoint added to the code
     * but not to the matrix (or not documented) fails here.
     */
    private void everyDocumentedOperationIsInTheMatrix(List<Row> rows) throws Exception {
        JsonNode paths = http.anonymous().get("/api/v1/openapi.json").json().get("paths");
        Set<String> documented = new java.util.TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(verb -> documented.add(verb.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).as("operations documented").hasSizeGreaterThan(40);
        Set<String> untested = new java.util.TreeSet<>(documented);
        Set<String> undocumented = new java.util.TreeSet<>();
        for (Row row : rows) {
            if ("WS".equals(row.method())) {
                continue; // a WebSocket endpoint, outside the OpenAPI document
            }
            String method = switch (row.method()) {
                case "LIVE" -> "GET";
                case "JAR" -> "POST";
                default -> row.method();
            };
            String path = row.path().replaceAll("\\?.*", "");
            List<String> matching = documented.stream().filter(operation -> matches(operation, method, path)).toList();
            if (matching.isEmpty()) {
                undocumented.add(method + " " + path);
            }
            untested.removeAll(matching);
        }
        assertThat(undocumented).as("matrix rows the OpenAPI document does not list").isEmpty();
        assertThat(untested).as("documented operations with no row in the access matrix").isEmpty();
    }

    private static boolean matches(String operation, String method, String path) {
        String[] parts = operation.split(" ", 2);
        String pattern = java.util.regex.Pattern.quote(parts[1]).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        return parts[0].equals(method) && path.matches(pattern);
    }

    private void deniedCallsChangedNothing() throws Exception {
        AccessControl access = backend.access().access();
        // Only gateway A's push (the 8th column) was accepted: one of the pushed seqs is stored, no other.
        Http operator = http.as(headers.get("operator"));
        await().untilAsserted(() -> assertThat(operator.get("/api/v1/devices/" + PLUG + "/readings?sensor=power"
                + "&from=2000-01-01T00:00:00Z").json().get("readings").findValuesAsText("seq")).hasSize(2));
        assertThat(access.directory().households()).extracting(h -> h.name())
                .containsExactlyInAnyOrder("Default household", "A", "B", "by operator");
        assertThat(access.directory().gateways(householdA)).extracting(g -> g.gateway())
                .containsExactlyInAnyOrder("gw-a", "gw-a-spare", "gw-by-adminA", "gw-by-operator");
        assertThat(access.directory().users(householdA)).extracting(u -> u.username())
                .containsExactlyInAnyOrder("res-a", "admin-a", "user-by-admina", "user-by-operator");
        assertThat(access.directory().grants(householdA)).hasSize(3);
        assertThat(access.communities().all()).extracting(community -> community.id())
                .containsExactlyInAnyOrder("matrix", "joinable", "c-by-operator");
        assertThat(access.communities().members("matrix")).extracting(member -> member.household())
                .containsExactly(householdA);
        assertThat(access.communities().operatedBy("co-by-operator")).containsExactly("matrix");
        assertThat(access.directory().applications()).extracting(a -> a.clientId())
                .containsExactlyInAnyOrder("utility", "stranger", "app-by-operator");
        assertThat(backend.cep().admin().statements()).filteredOn(s -> s.name().startsWith("by-"))
                .extracting(s -> s.name() + " on " + s.household())
                .containsExactlyInAnyOrder("by-operator on null", "by-adminA on " + householdA);
        assertThat(operator.get("/api/v1/gateways/gw-a/devices").json().get("devices").findValuesAsText("device"))
                .containsExactlyInAnyOrder(PLUG, "a-battery", "gatewaya-plug");
        // The setup's replay, and admin A's and the operator's.
        assertThat(operator.get("/api/v1/replays").json().get("replays").findValuesAsText("requestedBy"))
                .containsExactlyInAnyOrder("fixture-operator", "admin-a", "fixture-operator");
        assertThat(operator.get("/api/v1/audit?household=" + householdA).json().get("entries").findValuesAsText("action"))
                .contains("relay.off", "battery.setpoint", "gateway.register", "gateway.secret.rotate", "gateway.secret.revoke", "user.create",
                        "grant.create");
    }

    /** A result posted by anyone but the gateway the command went to is never taken for the plug's answer. */
    @Test
    @Order(2)
    void aForgedCommandResultIsRefusedAndTheCallerGets504() throws Exception {
        String c = "gw-c";
        fixture.gatewaySecret(c, householdA);
        Http asC = http.as(fixture.gateway(c));
        assertThat(asC.post("/api/v1/gateways/" + c + "/devices", "{\"devices\":[{\"device\":\"c-plug\",\"type\":\"smart-plug\","
                + "\"sensors\":[{\"sensor\":\"power\",\"unit\":\"W\"}],\"relay\":true,\"state\":\"joined\"}]}").status()).isEqualTo(202);
        Http resident = http.as(headers.get("residentA"));
        await().until(() -> resident.get("/api/v1/devices/c-plug/latest").status() == 200);

        java.util.concurrent.CompletableFuture<Http.Answer> switching = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return resident.post("/api/v1/devices/c-plug/relay", "{\"on\":false}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Http.Answer command = asC.get("/api/v1/gateways/" + c + "/commands?waitSeconds=10");
        assertThat(command.status()).isEqualTo(200);
        String id = command.json().get("id").asText();
        String result = "{\"id\":\"" + id + "\",\"ok\":true,\"on\":true}";

        assertThat(http.as(headers.get("gatewayB")).post("/api/v1/gateways/" + c + "/commands/" + id + "/result", result)
                .status()).as("gateway B on C's path").isEqualTo(403);
        assertThat(http.as(headers.get("operator")).post("/api/v1/gateways/" + c + "/commands/" + id + "/result", result)
                .status()).as("an operator on C's path").isEqualTo(403);
        assertThat(http.as(headers.get("gatewayB")).post("/api/v1/gateways/gw-b/commands/" + id + "/result", result)
                .status()).as("gateway B answering on its own path is heard, and ignored").isEqualTo(202);

        Http.Answer answer = switching.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.json().get("reason").asText()).contains("did not confirm");
    }

    /** Issue 11: a revoked grant stops an open live stream and the next request within one second. */
    @Test
    @Order(3)
    void aRevokedGrantEndsTheLiveStreamAndTheNextRequest() throws Exception {
        AccessControl access = backend.access().access();
        String secret = access.directory().registerApplication("viewer", "A live dashboard");
        String app = "Bearer " + access.clientToken("viewer", secret).value();
        Http admin = http.as(headers.get("adminA"));
        Http.Answer granted = admin.post("/api/v1/households/" + householdA + "/grants",
                "{\"application\":\"viewer\",\"scopes\":[\"live:read\",\"readings:read\"]}");
        assertThat(granted.status()).isEqualTo(201);
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> live = http.client()
                .sendAsync(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/live?gateway=gw-a"))
                        .header("Authorization", app).build(), HttpResponse.BodyHandlers.ofLines());
        java.util.concurrent.CompletableFuture<Void> ended = live.thenAccept(response -> response.body().forEach(lines::add));
        await().until(() -> lines.stream().anyMatch(line -> line.startsWith(": homegrid")));
        assertThat(http.as(app).get("/api/v1/devices/" + PLUG + "/latest").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/households/" + householdA + "/grants/" + granted.json().get("id").asLong()).status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(1)).until(ended::isDone);
        assertThat(lines).contains("event: revoked");
        assertThat(http.as(app).get("/api/v1/devices/" + PLUG + "/latest").status()).isEqualTo(404);
    }

    /** Issue 11, resource limits: held requests are capped per identity, and the one past the cap answers 429. */
    @Test
    @Order(4)
    void liveStreamsAndCommandPollsAreCappedPerIdentity() throws Exception {
        // A resident of its own: streams the other tests closed hold their slot until the server next writes to them.
        String resident = fixture.person("res-streams", Role.RESIDENT, householdA);
        List<java.util.concurrent.CompletableFuture<HttpResponse<InputStream>>> open = new java.util.ArrayList<>();
        for (int i = 0; i < io.homegrid.routes.rest.RequestLimits.DEFAULT_LIVE_STREAMS_PER_IDENTITY; i++) {
            open.add(http.client().sendAsync(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/live"))
                    .header("Authorization", resident).build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        for (var stream : open) {
            assertThat(stream.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        try {
            assertThat(liveStatus("/api/v1/live", resident)).as("one stream past the cap").isEqualTo(429);
            assertThat(liveStatus("/api/v1/live", headers.get("adminA"))).as("another identity is not held up").isEqualTo(200);
            assertThat(http.as(resident).get("/health").status()).as("health answers meanwhile").isEqualTo(200);
        } finally {
            for (var stream : open) {
                stream.get().body().close();
            }
        }

        Http gatewayB = http.as(headers.get("gatewayB"));
        List<java.util.concurrent.CompletableFuture<Http.Answer>> polls = new java.util.ArrayList<>();
        for (int i = 0; i < io.homegrid.routes.rest.RequestLimits.DEFAULT_COMMAND_POLLS_PER_GATEWAY; i++) {
            polls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return gatewayB.get("/api/v1/gateways/gw-b/commands?waitSeconds=5");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        await().until(() -> gatewayB.get("/api/v1/gateways/gw-b/commands?waitSeconds=1")
                .status() == 429);
        for (var poll : polls) {
            assertThat(poll.get(10, TimeUnit.SECONDS).status()).as("the held polls end normally").isEqualTo(204);
        }
    }

    private Row get(String path, String expected) {
        return new Row("GET", path, null, expected);
    }

    private Row put(String path, java.util.function.Function<String, String> body, String expected) {
        return new Row("PUT", path, body, expected);
    }

    private Row delete(String path, String expected) {
        return new Row("DELETE", path, null, expected);
    }

    /** A POST of a small bundle jar (its signature is the gateway's to check; gateway A here accepts all). */
    private Row jar(String path, String expected) {
        return new Row("JAR", path, who -> "", expected);
    }

    private static byte[] tinyBundle() throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.homegrid.test.tiny");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(out, manifest).close();
        return out.toByteArray();
    }

    private Row post(String path, java.util.function.Function<String, String> body, String expected) {
        return new Row("POST", path, body, expected);
    }

    /** Live streams never end: only their status is read, then the stream is closed. */
    private Row live(String path, String expected) {
        return new Row("LIVE", path, null, expected);
    }

    /**
     * A subscription on the WebSocket live channel, to a household or to {@code community:<id>}:
     * 401 not logged in, 200 subscribed, else the error's.
     */
    private Row socket(String subject, String expected) {
        return new Row("WS", subject, null, expected);
    }

    private record Row(String method, String path, java.util.function.Function<String, String> body, String expected) {
    }

    private int call(Row row, String who) throws Exception {
        String path = row.path().replace("/households/A", "/households/" + householdA).replace("household=A",
                "household=" + householdA).replace("/members/A", "/members/" + householdA);
        Http as = http.as(headers.get(who));
        return switch (row.method()) {
            case "GET" -> as.get(path).status();
            case "DELETE" -> as.delete(path).status();
            case "POST" -> as.post(path, row.body().apply(who)).status();
            case "PUT" -> as.put(path, row.body().apply(who)).status();
            case "JAR" -> as.post(path, "application/java-archive", tinyBundle()).status();
            case "WS" -> socketStatus(row.path().startsWith("community:")
                    ? "\"community\":\"" + row.path().substring("community:".length()) + "\""
                    : "\"household\":\"" + (row.path().equals("A") ? householdA : row.path()) + "\"", headers.get(who));
            default -> liveStatus(path, headers.get(who));
        };
    }

    /** @param subject the subscription's {@code "household":…} or {@code "community":…} */
    private int socketStatus(String subject, String header) throws Exception {
        try (LiveClient client = LiveClient.connect(http)) {
            String token = header == null ? "" : header.substring(header.indexOf(' ') + 1);
            client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            await().until(() -> client.closed().isDone() || !client.of("welcome").isEmpty());
            if (client.closed().isDone()) {
                return 401;
            }
            client.send("{\"type\":\"subscribe\",\"id\":\"matrix\"," + subject + "}");
            await().until(() -> !client.of("subscribed").isEmpty() || !client.of("error").isEmpty());
            if (!client.of("subscribed").isEmpty()) {
                return 200;
            }
            return client.of("error").get(0).path("status").asInt();
        }
    }

    private int liveStatus(String path, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path)).timeout(Duration.ofSeconds(10));
        if (header != null) {
            request.header("Authorization", header);
        }
        HttpResponse<InputStream> response = http.client().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
