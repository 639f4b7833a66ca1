package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.community.AgentSettings;
import io.homegrid.gateway.community.Battery;
import io.homegrid.gateway.community.ShavingSettings;
import io.homegrid.gateway.xbee.simulator.LoadProfile;
import io.homegrid.gateway.xbee.simulator.SimulatedBattery;
import io.homegrid.gateway.xbee.simulator.SimulatedDevice;
import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Community;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 17's end to end: three households of one community, each with an embedded gateway on its
 * own simulated ZigBee network (real XBee library), a kettle each and a battery in two of them,
 * a real backend (broker, PostgreSQL, CEP). The kettles boil at 07:00 on the simulators' clock:
 * the community's residual load passes its limit, the community agents on the gateways discharge
 * their batteries within seconds and the residual the backend measures falls to the limit; the
 * kettles are switched off through the API, the residual falls below the lower limit and the
 * batteries recharge. No state of charge passes its bounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CommunityPeakShavingIT {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommunityPeakShavingIT.class);
    private static final double LIMIT_W = 5_000;
    private static final double LOWER_W = 1_000;
    private static final double CAPACITY_WH = 200;
    private static final double MAX_W = 1_500;
    private static final double RESERVE = 0.2;

    @TempDir
    static Path dataDir;
    private EmbeddedBackend backend;
    private AccessFixture fixture;
    private Http operator;
    private final List<XBeeSimulator> simulators = new ArrayList<>();
    private final List<EmbeddedGateway> gateways = new ArrayList<>();
    private final List<SimulatedDevice> kettles = new ArrayList<>();
    private final List<SimulatedDevice> batteries = new ArrayList<>();
    private final List<String> households = new ArrayList<>();

    @BeforeAll
    void aCommunityOfThreeHomesTwoWithABattery() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir.resolve("backend")));
        fixture = AccessFixture.around(backend.access());
        operator = Http.to(backend, port).as(fixture.operator());
        backend.access().access().communities().create(new Community("block", "The block", null, LIMIT_W, LOWER_W, null));
        // the simulators' clock a few seconds before 07:00, when the kettles boil (LoadProfile.KETTLE)
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime sevenSoon = ZonedDateTime.of(LocalDate.now(zone), LocalTime.of(6, 59, 55), zone);
        Clock homes = Clock.offset(Clock.system(zone), Duration.between(ZonedDateTime.now(zone), sevenSoon));
        for (int i = 0; i < 3; i++) {
            String household = fixture.household("home-" + i).id();
            households.add(household);
            backend.access().access().communities().join("block", household, "fixture");
            String gateway = "gw-home-" + i;
            String secret = fixture.gatewaySecret(gateway, household);
            XBeeSimulator simulator = XBeeSimulator.start(new SimulatorConfig(0, 0, 0, Duration.ofMillis(500), 17 + i,
                    homes, i));
            simulators.add(simulator);
            kettles.add(simulator.addPlug("Kettle", LoadProfile.KETTLE));
            GatewayConfig config = GatewayConfig.of(gateway, URI.create(backend.baseUrl()),
                    "tcp://localhost:" + simulator.port(), dataDir.resolve(gateway), 0)
                    .withPushInterval(Duration.ofMillis(200)).withCommandWait(Duration.ofSeconds(2)).withSecret(secret)
                    .withBackendFingerprint(backend.tls().fingerprint());
            if (i < 2) {
                batteries.add(simulator.addBattery("Battery", new SimulatedBattery(CAPACITY_WH, MAX_W, MAX_W, 0.95, 0.6)));
                config = config.withCommunityAgent(new AgentSettings("", new Battery(CAPACITY_WH, MAX_W, MAX_W, 0.95),
                        new ShavingSettings(20_000, 0, RESERVE, 300, 20_000), Duration.ofMillis(500),
                        Duration.ofSeconds(20)));
            }
            gateways.add(EmbeddedGateway.start(config));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (EmbeddedGateway gateway : gateways) {
            gateway.close();
        }
        for (XBeeSimulator simulator : simulators) {
            simulator.close();
        }
        backend.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void batteriesShaveTheCommunitysPeakAndRechargeBelowTheLowerLimitWithinTheirBounds() throws Exception {
        String from = java.time.Instant.now().minusSeconds(60).toString();
        // three kettles of 2.2 kW: 6.6 kW against a 5 kW limit
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> residual() > LIMIT_W);
        long peakAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(30)).until(() -> batteries.stream()
                .allMatch(battery -> battery.battery().powerW() > 0));
        long dischargingAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(45)).until(() -> residual() <= LIMIT_W * 1.01);
        long shavedAt = System.nanoTime();
        JsonNode shaved = latest();
        assertThat(shaved.get("batteries").asInt()).isEqualTo(2);
        assertThat(shaved.get("batteryWatts").asDouble()).as("the batteries give what is above the limit")
                .isGreaterThan(1_000);
        assertThat(shaved.get("residualWatts").asDouble()).as("the peak shaved, not more").isGreaterThan(LOWER_W);

        for (int i = 0; i < kettles.size(); i++) {
            Http resident = operator.as(fixture.person("resident-" + i, Role.RESIDENT, households.get(i)));
            Http.Answer off = resident.post("/api/v1/devices/" + kettles.get(i).address() + "/relay", "{\"on\":false}");
            assertThat(off.status()).as(off.text()).isEqualTo(200);
        }
        long offAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(45)).until(() -> batteries.stream()
                .allMatch(battery -> battery.battery().powerW() < 0));
        long chargingAt = System.nanoTime();
        double before = batteries.get(0).battery().soc();
        await().atMost(Duration.ofSeconds(30)).until(() -> batteries.get(0).battery().soc() > before);
        // the batteries' charging counts in the residual: they recharge up to the lower limit, not past it
        assertThat(residual()).as("recharging no higher than the lower limit").isLessThanOrEqualTo(LOWER_W * 1.01);
        LOG.info("Peak over the limit after {} s, batteries discharging after {} s, the residual at the limit after {} s,"
                + " recharging {} s after the kettles went off", seconds(t0, peakAt), seconds(t0, dischargingAt),
                seconds(t0, shavedAt), seconds(offAt, chargingAt));

        for (SimulatedDevice battery : batteries) {
            String readings = "/api/v1/devices/" + battery.address() + "/readings?from=" + from + "&limit=10000&sensor=";
            List<Double> setpoints = values(operator.get(readings + "setpoint").json());
            assertThat(setpoints).as("every setpoint is recorded").anyMatch(w -> w > 0).anyMatch(w -> w < 0);
            List<Double> socs = values(operator.get(readings + "soc").json());
            assertThat(socs).as("the state of charge the battery reported").hasSizeGreaterThan(20)
                    .allSatisfy(soc -> assertThat(soc).isBetween(RESERVE * 100 - 0.5, 100.0));
        }
    }

    /**
     * Item 8 and the actuation interface: the household holds its battery at a setpoint for a
     * while, through its gateway's agent; one beyond the battery's power is refused by the agent,
     * which knows the battery, and answered 400 naming {@code watts}.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void aHouseholdHoldsItsBatteryAtASetpointWithinItsPower() throws Exception {
        Http admin = operator.as(fixture.person("admin-0", Role.HOUSEHOLD_ADMIN, households.get(0)));
        String setpoint = "/api/v1/devices/" + batteries.get(0).address() + "/setpoint";

        Http.Answer held = admin.post(setpoint, "{\"watts\":-800,\"minutes\":2}");

        assertThat(held.status()).as(held.text()).isEqualTo(200);
        assertThat(held.json().get("watts").asDouble()).as("what the battery confirmed").isEqualTo(-800);
        await().atMost(Duration.ofSeconds(10)).until(() -> batteries.get(0).battery().powerW() == -800);
        Http.Answer beyond = admin.post(setpoint, "{\"watts\":2000}");
        assertThat(beyond.status()).as(beyond.text()).isEqualTo(400);
        assertThat(beyond.json().get("field").asText()).isEqualTo("watts");
        assertThat(beyond.json().get("reason").asText()).contains("beyond the battery's power").contains("1500.0 W");
        assertThat(batteries.get(0).battery().powerW()).as("the hold stands").isEqualTo(-800);
        assertThat(admin.post(setpoint, "{\"watts\":500,\"minutes\":600}").json().get("field").asText())
                .isEqualTo("minutes");
        assertThat(admin.post("/api/v1/devices/" + kettles.get(0).address() + "/setpoint", "{\"watts\":500}").status())
                .as("a kettle is no battery").isEqualTo(409);
        Http otherHome = operator.as(fixture.person("admin-2", Role.HOUSEHOLD_ADMIN, households.get(2)));
        assertThat(otherHome.post(setpoint, "{\"watts\":500}").status()).as("not its battery").isEqualTo(404);
        String readings = "/api/v1/devices/" + batteries.get(0).address() + "/readings?limit=10000&sensor=setpoint&from="
                + java.time.Instant.now().minusSeconds(60);
        await().atMost(Duration.ofSeconds(20)).until(() -> values(operator.get(readings).json()).contains(-800.0));
    }

    private static String seconds(long from, long to) {
        return String.format(java.util.Locale.ROOT, "%.1f", (to - from) / 1e9);
    }

    /** The community's residual load as it stands, as the backend measured it and its agents heard it. */
    private double residual() throws Exception {
        JsonNode latest = latest();
        return latest.path("residualWatts").isNumber() ? latest.get("residualWatts").asDouble() : Double.NaN;
    }

    private JsonNode latest() throws Exception {
        Http.Answer answer = operator.get("/api/v1/communities/block/residual/latest");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static List<Double> values(JsonNode page) {
        List<Double> values = new ArrayList<>();
        page.get("readings").forEach(reading -> values.add(reading.get("value").asDouble()));
        return values;
    }
}
