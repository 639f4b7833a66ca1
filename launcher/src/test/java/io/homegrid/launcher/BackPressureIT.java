package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.test.AccessFixture;

/**
 * Issue 13: when storing falls behind, pushes are answered 503 with Retry-After instead of
 * filling the broker; the real gateway keeps its readings in its cache, waits, and delivers every
 * one of them once the backend has caught up.
 */
class BackPressureIT {

    private static final String GATEWAY = "gw-pressure";
    private static final int MAX_LAG_SECONDS = 2;

    @TempDir
    Path dataDir;
    private final int port = FreePorts.next();
    private EmbeddedBackend backend;
    private XBeeSimulator simulator;
    private EmbeddedGateway gateway;
    private Http http;
    private volatile Identities identities;
    private String secret;

    @BeforeEach
    void start() throws Exception {
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir.resolve("backend"))
                .withMaxIngestLagSeconds(MAX_LAG_SECONDS));
        identities = Identities.of(backend);
        http = new Http(port, backend.tls().fingerprint(), () -> identities);
        secret = AccessFixture.around(backend.access()).gatewaySecret(GATEWAY);
        simulator = XBeeSimulator.start(new SimulatorConfig(0, 5, 1, Duration.ofMillis(250), 13, Clock.systemDefaultZone()));
        gateway = EmbeddedGateway.start(GatewayConfig.of(GATEWAY, URI.create(backend.baseUrl()),
                "tcp://localhost:" + simulator.port(), dataDir.resolve("gateway"), FreePorts.next())
                .withSilence(Duration.ofSeconds(3)).withPushInterval(Duration.ofMillis(200))
                .withCommandWait(Duration.ofSeconds(1)).withSecret(secret).withBackendFingerprint(backend.tls().fingerprint()));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        if (simulator != null) {
            simulator.close();
        }
        backend.close();
    }

    @Test
    void aStalledDatabaseMakesPushesWaitAndTheGatewayDeliversEverythingOnceAfterwards() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.pusher().pushed() > 50);
        assertThat(ingest().path("status").asText()).isEqualTo("UP");
        assertThat(ingest().path("detail").asText()).startsWith("lag ");

        try (Connection blocker = database()) {
            // A stalled database: the connector's next transaction waits on this lock with its readings in hand.
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE reading_row IN ACCESS EXCLUSIVE MODE");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.pusher().busyAnswers() > 0);
            JsonNode behind = ingest();
            assertThat(behind.path("status").asText()).isEqualTo("DOWN");
            assertThat(behind.path("problem").asText()).contains("503");
            Http.Answer push = http.as("Basic " + java.util.Base64.getEncoder().encodeToString((GATEWAY + ":" + secret)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))).post("/api/v1/gateways/" + GATEWAY + "/readings", "{\"gateway\":\"" + GATEWAY + "\",\"readings\":[]}");
            assertThat(push.status()).isEqualTo(503);
            assertThat(push.header("Retry-After")).isNotNull();
            assertThat(push.json().path("field").asText()).isEqualTo("readings");
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.cache().size() > 20);
            assertThat(gateway.pusher().reachable()).isTrue();
            blocker.rollback();
        }

        simulator.close();
        simulator = null;
        // the radio is gone now: the XBee library's own discovery thread may fail on the closed line
        // (it logs that itself); that is no failure of this test, so Awaitility does not take it up
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(90)).until(() -> gateway.cache().size() == 0);
        // Every seq the gateway gave, from its first to its last, stored exactly once.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> stored()[0] == stored()[3] - stored()[2] + 1);
        long[] stored = stored();
        assertThat(stored[1]).as("distinct seqs").isEqualTo(stored[0]);
        assertThat(stored[2]).as("first seq").isEqualTo(1);
        assertThat(stored[0]).isGreaterThan(100);
        assertThat(ingest().path("status").asText()).isEqualTo("UP");
    }

    private JsonNode ingest() throws Exception {
        return http.get("/health").json().path("checks").path("ingest");
    }

    /** Rows, distinct seqs, lowest and highest seq stored for the gateway. */
    private long[] stored() throws Exception {
        try (Connection c = database();
                PreparedStatement s = c.prepareStatement("SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM reading WHERE gateway_id = ?")) {
            s.setString(1, GATEWAY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
    }
}
