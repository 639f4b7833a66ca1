package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.BusService;
import io.homegrid.bus.BusSettings;
import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.bus.OutsideClients;
import io.homegrid.launcher.internal.DatabaseSupervisor;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 18, a first part: two backend instances on one broker (a real ActiveMQ, as
 * {@code ./homegrid broker} runs it) and one PostgreSQL. A gateway pushes to either; a relay
 * command asked at one reaches the gateway polling the other; a live client of one gets the
 * readings the other took in; every reading is stored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBrokerIT {

    private static final String PLUG = "plug-1";

    @TempDir
    static Path dir;
    private BusService broker;
    private DatabaseSupervisor database;
    private final List<EmbeddedBackend> instances = new ArrayList<>();
    private final List<Http> https = new ArrayList<>();
    private AccessFixture fixture;
    private String household;
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private Thread gateway;

    @BeforeAll
    void twoInstancesOnOneBrokerAndOneDatabase() throws Exception {
        int brokerPort = FreePorts.next();
        BusCredentials services = BusCredentials.generated(BusSettings.DEFAULT_SERVICES_USER);
        broker = BusService.start(BusSettings.embedded("shared", dir.resolve("broker"),
                new EmbeddedBroker.Ports(brokerPort, 0, 0)).withServices(services), OutsideClients.NONE);
        database = DatabaseSupervisor.start(dir.resolve("postgres"));
        SharedBroker shared = new SharedBroker("failover:(tcp://127.0.0.1:" + brokerPort + ")", services);
        // one after the other: the first migrates the schema
        for (int i = 0; i < 2; i++) {
            int port = FreePorts.next();
            EmbeddedBackend instance = EmbeddedBackend.start(BackendConfig.defaults(port, dir.resolve("instance-" + i))
                    .withJdbc(database.jdbcUrl(), database.user(), database.password()).withSharedBroker(shared));
            instances.add(instance);
            https.add(Http.to(instance, port));
        }
        fixture = AccessFixture.around(instances.get(0).access());
        household = fixture.household("Shared").id();
        fixture.gatewaySecret("gw-shared", household);
        Http atFirst = https.get(0).as(fixture.gateway("gw-shared"));
        assertThat(atFirst.post("/api/v1/gateways/gw-shared/devices", "{\"devices\":[{\"device\":\"" + PLUG + "\","
                + "\"type\":\"smart-plug\",\"name\":\"Kettle\",\"sensors\":[{\"sensor\":\"power\",\"unit\":\"W\"}],"
                + "\"relay\":true,\"state\":\"joined\"}]}").status()).isEqualTo(202);
        gateway = new Thread(() -> confirmRelayCommands(atFirst), "gw-shared-commands");
        gateway.start();
    }

    @AfterAll
    void stop() throws Exception {
        polling.set(false);
        if (gateway != null) {
            gateway.join(10_000);
        }
        for (EmbeddedBackend instance : instances) {
            instance.close();
        }
        broker.close();
        database.close();
    }

    /** The gateway's side of the command channel, at the first instance: every relay command confirmed. */
    private void confirmRelayCommands(Http atFirst) {
        while (polling.get()) {
            try {
                Http.Answer command = atFirst.get("/api/v1/gateways/gw-shared/commands?waitSeconds=1");
                if (command.status() == 200) {
                    String id = command.json().get("id").asText();
                    atFirst.post("/api/v1/gateways/gw-shared/commands/" + id + "/result", "{\"id\":\"" + id
                            + "\",\"ok\":true,\"on\":" + command.json().get("on") + "}");
                }
            } catch (Exception e) {
                if (polling.get()) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void aRelayCommandAskedAtOneInstanceReachesTheGatewayPollingTheOther() throws Exception {
        Http resident = https.get(1).as(fixture.person("resident", Role.RESIDENT, household));

        Http.Answer switched = resident.post("/api/v1/devices/" + PLUG + "/relay", "{\"on\":false}");

        assertThat(switched.status()).as(switched.text()).isEqualTo(200);
        assertThat(switched.json().get("on").asBoolean()).isFalse();
    }

    @Test
    void aStatementAddedAtOneInstanceRunsAtTheOtherAndLeavesItWhenRemoved() throws Exception {
        Http first = https.get(0).as(fixture.operator());
        Http second = https.get(1).as(fixture.operator());
        Http.Answer added = first.post("/api/v1/cep/statements", "{\"name\":\"shared-high\",\"epl\":"
                + "\"select gateway, device, value from PowerReading(value > 3000)\"}");
        assertThat(added.status()).as(added.text()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> second.get("/api/v1/cep/statements").json()
                .get("statements").findValuesAsText("name").contains("shared-high"));

        assertThat(second.delete("/api/v1/cep/statements/shared-high").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.get("/api/v1/cep/statements").json()
                .get("statements").findValuesAsText("name").contains("shared-high"));
    }

    @Test
    void readingsPushedToEitherInstanceAreStoredOnceAndReachALiveClientOfTheOther() throws Exception {
        String token = fixture.person("watcher", Role.RESIDENT, household).substring("Bearer ".length());
        try (LiveClient live = LiveClient.connect(https.get(1))) {
            live.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            await().until(() -> !live.of("welcome").isEmpty());
            live.send("{\"type\":\"subscribe\",\"id\":\"kettle\",\"household\":\"" + household + "\",\"kinds\":[\"reading\"]}");
            await().until(() -> !live.of("subscribed").isEmpty());

            Instant start = Instant.now().minusSeconds(30);
            for (int seq = 1; seq <= 100; seq++) {
                Http at = https.get(seq % 2).as(fixture.gateway("gw-shared"));
                String reading = reading(PLUG, "power", String.valueOf(seq), "W", start.plusMillis(seq * 100L), seq);
                assertThat(at.post("/api/v1/gateways/gw-shared/readings", batch("gw-shared", reading)).status())
                        .isEqualTo(202);
                if (seq % 10 == 0) {
                    // the gateway re-sends, to the other instance, as after a lost answer
                    Http other = https.get((seq + 1) % 2).as(fixture.gateway("gw-shared"));
                    assertThat(other.post("/api/v1/gateways/gw-shared/readings", batch("gw-shared", reading)).status())
                            .isEqualTo(202);
                }
            }

            Http operator = https.get(0).as(fixture.operator());
            String readings = "/api/v1/devices/" + PLUG + "/readings?sensor=power&limit=1000&from=" + start.minusSeconds(1);
            JsonNode stored = await().atMost(Duration.ofSeconds(30)).until(() -> operator.get(readings).json(),
                    json -> json.path("readings").size() >= 100);
            assertThat(stored.path("readings").findValuesAsText("seq")).as("every reading once").hasSize(100)
                    .doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(live.of("message").stream()
                    .map(m -> m.at("/data/seq").asLong()).distinct().count())
                    .as("those the first instance took in too").isEqualTo(100));
        }
    }

    /** Replay Control on both: one sends the replay (its lease in the database), a cancel at the other stops it. */
    @Test
    void aReplayRunsAtOneInstanceAndACancelAskedAtTheOtherStopsIt() throws Exception {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            readings.add(reading(PLUG, "power", String.valueOf(i), "W", from.plusSeconds(2L * i), 100_000 + i));
        }
        assertThat(https.get(0).as(fixture.gateway("gw-shared")).post("/api/v1/gateways/gw-shared/readings",
                batch("gw-shared", readings.toArray(String[]::new))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM reading WHERE gateway_id = "
                + "'gw-shared' AND seq >= 100000 AND replay_id IS NULL") == 200);

        long id = https.get(0).as(fixture.operator()).post("/api/v1/replays", "{\"from\":\"" + from
                + "\",\"duration\":\"PT10M\",\"speed\":1,\"gateways\":[\"gw-shared\"]}").json().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM reading WHERE replay_id = " + id) > 0);
        assertThat(instances.get(0).replay().running() + instances.get(1).replay().running()).as("sent by one")
                .isEqualTo(1);
        int sending = instances.get(0).replay().running() == 1 ? 0 : 1;

        Http.Answer cancelled = https.get(1 - sending).as(fixture.operator()).delete("/api/v1/replays/" + id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("cancelled");
        long sent = cancelled.json().get("readingsSent").asLong();
        assertThat(sent).isPositive().isLessThan(200);
        assertThat(instances.get(sending).replay().running()).as("the sending instance stopped").isZero();
        // what was sent before the answer is stored; nothing after it
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM reading WHERE replay_id = " + id)
                == sent);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> count("SELECT count(*) FROM reading WHERE replay_id = " + id) == sent);
    }

    private long count(String sql) throws Exception {
        EmbeddedBackend any = instances.get(0);
        try (Connection c = DriverManager.getConnection(any.jdbcUrl(), any.jdbcUser(), any.jdbcPassword());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
