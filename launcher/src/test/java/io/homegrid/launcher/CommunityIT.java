package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 17, items 1, 3 and 8 on a real backend (broker, PostgreSQL, CEP): communities nested in
 * one another, households joining them, the residual load each minute summed from the members'
 * demand, PV and batteries, and a community operator who sees that and none of the households'
 * devices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommunityIT {

    @TempDir
    static Path dataDir;
    private EmbeddedBackend backend;
    private AccessFixture fixture;
    private Http http;
    private Http operator;
    private Http adminA;
    private Http adminB;
    private Http adminC;
    private String a;
    private String b;
    private String c;
    private String tokenA;
    private String tokenC;

    @BeforeAll
    void aBackendWithThreeHouseholds() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        fixture = AccessFixture.around(backend.access());
        http = Http.to(backend, port).anonymous();
        a = fixture.household("A").id();
        b = fixture.household("B").id();
        c = fixture.household("C").id();
        fixture.gatewaySecret("gw-a", a);
        fixture.gatewaySecret("gw-b", b);
        fixture.gatewaySecret("gw-c", c);
        operator = http.as(fixture.operator());
        tokenA = fixture.person("admin-a", Role.HOUSEHOLD_ADMIN, a);
        adminA = http.as(tokenA);
        adminB = http.as(fixture.person("admin-b", Role.HOUSEHOLD_ADMIN, b));
        tokenC = fixture.person("admin-c", Role.HOUSEHOLD_ADMIN, c);
        adminC = http.as(tokenC);
    }

    @AfterAll
    void stop() {
        backend.close();
    }

    @Test
    @Order(1)
    void operatorsCreateNestedCommunitiesAndRefuseBadLimits() throws Exception {
        assertThat(operator.post("/api/v1/communities", community("town", null, 8_000, 2_000)).status()).isEqualTo(201);
        Http.Answer street = operator.post("/api/v1/communities", community("street", "town", 6_000, 1_000));
        assertThat(street.status()).isEqualTo(201);
        assertThat(street.json().get("parent").asText()).isEqualTo("town");

        assertBadRequest(operator.post("/api/v1/communities", community("low", null, 1_000, 2_000)), "lowerLimitWatts");
        assertBadRequest(operator.post("/api/v1/communities", community("orphan", "nowhere", 1_000, 0)), "parent");
        assertBadRequest(operator.post("/api/v1/communities", "{\"id\":\"x\",\"name\":\"x\",\"lowerLimitWatts\":0}"),
                "limitWatts");
        assertThat(operator.post("/api/v1/communities", community("town", null, 8_000, 2_000)).status()).isEqualTo(409);
        assertThat(adminA.post("/api/v1/communities", community("mine", null, 8_000, 2_000)).status()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void householdAdminsJoinTheirOwnHouseholdOnceAndOnlyTheirOwn() throws Exception {
        assertThat(adminA.put("/api/v1/communities/street/members/" + a, "").status()).isEqualTo(201);
        assertBadRequest(adminA.put("/api/v1/communities/street/members/" + a, ""), "householdId");
        assertThat(adminA.put("/api/v1/communities/street/members/" + b, "").status())
                .as("another household's membership is not A's to give").isEqualTo(404);
        assertThat(adminA.put("/api/v1/communities/nowhere/members/" + a, "").status()).isEqualTo(404);
        assertThat(adminB.put("/api/v1/communities/street/members/" + b, "").status()).isEqualTo(201);
        assertThat(adminC.put("/api/v1/communities/town/members/" + c, "").status()).isEqualTo(201);

        assertThat(adminA.get("/api/v1/communities").json().get("communities").findValuesAsText("id"))
                .as("A counts in the street and in the town above it").containsExactly("street", "town");
        assertThat(adminC.get("/api/v1/communities").json().get("communities").findValuesAsText("id"))
                .containsExactly("town");
        assertThat(adminC.get("/api/v1/communities/street").status()).isEqualTo(404);
        assertThat(adminA.get("/api/v1/communities/street/members").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/communities/street/members").json().get("members").findValuesAsText("household"))
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    @Order(3)
    void theResidualLoadOfEachMinuteIsTheMembersDemandLessTheirPvAndBatteries() throws Exception {
        try (LiveClient live = live(tokenA, "street"); LiveClient outsider = live(tokenC, "street")) {
            theResidualLoadOfEachMinute(live);
            assertThat(outsider.of("error").get(0).get("status").asInt())
                    .as("C counts in the town, not in the street: the street is not there for it").isEqualTo(404);
            assertThat(outsider.of("message")).isEmpty();
        }
    }

    private void theResidualLoadOfEachMinute(LiveClient live) throws Exception {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        push("gw-a", reading("fridge", "power", "200", "W", minute.plusSeconds(10), 1),
                reading("heat-pump", "power", "3", "kW", minute.plusSeconds(12), 2),
                reading("pv", "generation", "1000", "W", minute.plusSeconds(15), 3),
                reading("store", "battery", "-500", "W", minute.plusSeconds(20), 4),
                reading("store", "soc", "40", "%", minute.plusSeconds(20), 5));
        push("gw-b", reading("oven", "power", "2500", "W", minute.plusSeconds(5), 1),
                reading("store", "battery", "1000", "W", minute.plusSeconds(6), 2));
        push("gw-c", reading("kettle", "power", "2000", "W", minute.plusSeconds(30), 1));

        Http gatewayA = http.as(fixture.gateway("gw-a"));
        // a signal summed between two members' pushes has only some of them: the next one has all
        JsonNode signal = await().atMost(Duration.ofSeconds(30)).until(
                () -> gatewayA.get("/api/v1/gateways/gw-a/commands?waitSeconds=5").json(),
                json -> "community".equals(json.path("kind").asText()) && json.path("households").asInt() == 2);
        assertThat(signal.get("community").asText()).as("A's own community, not the town above it").isEqualTo("street");
        assertThat(signal.get("residualWatts").asDouble()).as("the members' latest readings").isEqualTo(4_200);
        assertThat(signal.get("batteries").asInt()).isEqualTo(2);
        assertThat(signal.get("limitWatts").asDouble()).isEqualTo(6_000);
        assertThat(signal.get("lowerLimitWatts").asDouble()).isEqualTo(1_000);

        Http communityOperator = http.as(communityOperator("street-operator", "street"));
        String period = "?from=" + minute.minusSeconds(60) + "&to=" + minute.plusSeconds(120);
        JsonNode street = await().atMost(Duration.ofSeconds(60)).until(
                () -> communityOperator.get("/api/v1/communities/street/residual" + period).json(),
                json -> json.path("minutes").size() == 1);
        JsonNode streetMinute = street.get("minutes").get(0);
        assertThat(streetMinute.get("minuteStart").asText()).isEqualTo(minute.toString());
        assertThat(streetMinute.get("demandWatts").asDouble()).isEqualTo(5_700);
        assertThat(streetMinute.get("generationWatts").asDouble()).isEqualTo(1_000);
        assertThat(streetMinute.get("batteryWatts").asDouble()).isEqualTo(500);
        assertThat(streetMinute.get("residualWatts").asDouble()).isEqualTo(4_200);
        assertThat(streetMinute.get("households").asInt()).isEqualTo(2);
        assertThat(street.get("limitWatts").asDouble()).isEqualTo(6_000);

        JsonNode town = await().atMost(Duration.ofSeconds(60)).until(
                () -> operator.get("/api/v1/communities/town/residual" + period).json(),
                json -> json.path("minutes").size() == 1);
        assertThat(town.get("minutes").get(0).get("residualWatts").asDouble()).isEqualTo(6_200);
        assertThat(town.get("minutes").get(0).get("households").asInt()).isEqualTo(3);
        assertThat(http.as(fixture.gateway("gw-a")).get("/api/v1/communities/street/residual" + period).json()
                .get("minutes").size()).as("a member's gateway reads it, for its community agent").isEqualTo(1);

        // the live channel carries both: the residual as it stands, and each minute's
        JsonNode now = await().atMost(Duration.ofSeconds(20)).until(() -> liveOutput(live, "community-residual-live"),
                java.util.Objects::nonNull);
        assertThat(now.at("/values/community").asText()).isEqualTo("street");
        assertThat(now.at("/values/residualWatts").asDouble()).isEqualTo(4_200);
        JsonNode liveMinute = await().atMost(Duration.ofSeconds(20))
                .until(() -> liveOutput(live, "community-residual-1m"), java.util.Objects::nonNull);
        assertThat(liveMinute.at("/values/residualWatts").asDouble()).isEqualTo(4_200);
        assertThat(live.of("message")).extracting(message -> message.get("kind").asText()).containsOnly("community");
    }

    /** A WebSocket client of the live channel, subscribed to the community's residual load (or refused). */
    private LiveClient live(String bearer, String community) throws Exception {
        LiveClient client = LiveClient.connect(http);
        client.send("{\"type\":\"auth\",\"token\":\"" + bearer.substring("Bearer ".length()) + "\"}");
        client.send("{\"type\":\"subscribe\",\"id\":\"residual\",\"community\":\"" + community + "\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !client.of("subscribed").isEmpty() || !client.of("error").isEmpty());
        return client;
    }

    private static JsonNode liveOutput(LiveClient live, String statement) {
        return live.of("message").stream().map(message -> message.get("data"))
                .filter(data -> statement.equals(data.path("statement").asText()))
                // one summed between two members' pushes has only some of them
                .filter(data -> data.at("/values/households").asInt() == 2).findFirst().orElse(null);
    }

    @Test
    @Order(4)
    void aCommunityOperatorSeesTheCommunitysAggregatesAndNoHouseholdsDevices() throws Exception {
        Http communityOperator = http.as(fixture.bearer("street-operator", "street-operator-password"));

        assertThat(communityOperator.get("/api/v1/communities").json().get("communities").findValuesAsText("id"))
                .containsExactly("street");
        assertThat(communityOperator.get("/api/v1/communities/street/members").status()).isEqualTo(200);
        assertThat(communityOperator.get("/api/v1/communities/town/residual").status())
                .as("the community above is not theirs").isEqualTo(404);
        assertThat(communityOperator.get("/api/v1/households/" + a).status()).isEqualTo(404);
        assertThat(communityOperator.get("/api/v1/gateways/gw-a/devices").status()).isEqualTo(404);
        assertThat(communityOperator.get("/api/v1/devices/fridge/latest").status()).isEqualTo(404);
        assertThat(communityOperator.get("/api/v1/households/" + a + "/energy?from=2026-11-01T00:00:00Z"
                + "&to=2026-11-02T00:00:00Z").status()).isEqualTo(404);
        assertThat(communityOperator.get("/api/v1/gateways").json().get("gateways").size()).isZero();
        assertThat(communityOperator.put("/api/v1/communities/street/members/" + a, "").status()).isEqualTo(404);
        assertThat(http.as(fixture.person("res-c", Role.RESIDENT, c)).get("/api/v1/communities/street/residual").status())
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    void theCommunitysOperatorChangesItsLimitsWithinTheRules() throws Exception {
        Http communityOperator = http.as(fixture.bearer("street-operator", "street-operator-password"));

        Http.Answer changed = communityOperator.put("/api/v1/communities/street",
                "{\"limitWatts\":7000,\"lowerLimitWatts\":1500}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("limitWatts").asDouble()).isEqualTo(7_000);
        assertBadRequest(communityOperator.put("/api/v1/communities/street",
                "{\"limitWatts\":1000,\"lowerLimitWatts\":1500}"), "lowerLimitWatts");
        assertThat(communityOperator.put("/api/v1/communities/town", "{\"limitWatts\":9000,\"lowerLimitWatts\":0}")
                .status()).isEqualTo(404);
        assertThat(adminA.put("/api/v1/communities/street", "{\"limitWatts\":9000,\"lowerLimitWatts\":0}").status())
                .as("a member household's admin does not set the community's limits").isEqualTo(403);
        assertThat(operator.get("/api/v1/communities/street").json().get("lowerLimitWatts").asDouble()).isEqualTo(1_500);
    }

    @Test
    @Order(6)
    void badPeriodsAreRefusedAndAHouseholdLeavesOnce() throws Exception {
        assertBadRequest(operator.get("/api/v1/communities/street/residual?from=2026-11-02T00:00:00Z"
                + "&to=2026-11-01T00:00:00Z"), "from");
        assertBadRequest(operator.get("/api/v1/communities/street/residual?from=2026-10-01T00:00:00Z"
                + "&to=2026-11-01T00:00:00Z"), "to");

        try (LiveClient live = live(tokenA, "street")) {
            assertThat(live.of("subscribed")).hasSize(1);
            assertThat(adminA.delete("/api/v1/communities/street/members/" + a).status()).isEqualTo(204);
            JsonNode revoked = await().atMost(Duration.ofSeconds(10)).until(() -> live.of("revoked"), r -> !r.isEmpty()).get(0);
            assertThat(revoked.get("id").asText()).as("A left: the street's residual is no longer A's to hear")
                    .isEqualTo("residual");
        }
        assertThat(adminA.delete("/api/v1/communities/street/members/" + a).status()).isEqualTo(404);
        assertThat(adminA.get("/api/v1/communities").json().get("communities").size()).isZero();
        assertThat(operator.get("/api/v1/audit?household=" + a).json().get("entries").findValuesAsText("action"))
                .contains("community.join", "community.leave");
    }

    private String communityOperator(String username, String community) throws Exception {
        Http.Answer created = operator.post("/api/v1/communities/" + community + "/operators",
                "{\"username\":\"" + username + "\",\"password\":\"" + username + "-password\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return fixture.bearer(username, username + "-password");
    }

    private void push(String gateway, String... readings) throws Exception {
        Http.Answer pushed = http.as(fixture.gateway(gateway)).post("/api/v1/gateways/" + gateway + "/readings",
                batch(gateway, readings));
        assertThat(pushed.status()).as(pushed.text()).isEqualTo(202);
    }

    private static String community(String id, String parent, double limit, double lower) {
        return "{\"id\":\"" + id + "\",\"name\":\"The " + id + "\"" + (parent == null ? "" : ",\"parent\":\"" + parent + "\"")
                + ",\"limitWatts\":" + limit + ",\"lowerLimitWatts\":" + lower + "}";
    }

    private static void assertBadRequest(Http.Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
    }
}
