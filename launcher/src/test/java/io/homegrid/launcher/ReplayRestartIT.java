package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.ReplaySeq;

/**
 * A replay running while its backend is killed with SIGKILL goes on after the restart from where
 * it had got to, and none of its readings is stored twice.
 */
class ReplayRestartIT {

    private static final String GATEWAY = "gw-replay-restart";
    private static final int READINGS = 300;

    @TempDir
    Path dataDir;

    @Test
    void aReplayInterruptedBySigkillGoesOnAfterTheRestartAndStoresEachReadingOnce() throws Exception {
        int port = FreePorts.next();
        Instant from = Instant.now().minusSeconds(2L * READINGS + 60);
        long id;
        try (BackendProcess first = BackendProcess.start(port, dataDir)) {
            first.awaitReady();
            RemoteIdentities identities = new RemoteIdentities(port, dataDir);
            Http http = new Http(port, Http.fingerprintIn(dataDir), () -> identities);
            String[] readings = new String[READINGS];
            for (int i = 0; i < READINGS; i++) {
                readings[i] = power("plug", 10 + i % 5, i + 1, 2L * READINGS + 58 - 2L * i);
            }
            assertThat(http.post("/api/v1/gateways/" + GATEWAY + "/readings", batch(GATEWAY, readings)).status())
                    .isEqualTo(202);
            String database = first.awaitReady();
            await().atMost(Duration.ofSeconds(60)).until(() -> query(database, "SELECT count(*) FROM reading WHERE "
                    + "gateway_id = '" + GATEWAY + "'") == READINGS);
            // 10 minutes at speed 20: 30 s.
            id = http.post("/api/v1/replays", "{\"from\":\"" + from + "\",\"duration\":\"PT11M\",\"gateways\":[\""
                    + GATEWAY + "\"],\"speed\":20}").json().get("id").asLong();
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/replays/" + id).json()
                    .get("readingsSent").asLong() >= 60);
            assertThat(http.get("/api/v1/replays/" + id).json().get("state").asText()).as("killed mid-replay")
                    .isEqualTo("running");

            first.kill();
        }

        int port2 = FreePorts.next();
        try (BackendProcess second = BackendProcess.start(port2, dataDir)) {
            String database = second.awaitReady();
            RemoteIdentities identities = new RemoteIdentities(port2, dataDir);
            Http http = new Http(port2, Http.fingerprintIn(dataDir), () -> identities);

            await().atMost(Duration.ofSeconds(90)).until(() -> http.get("/api/v1/replays/" + id).json().get("state")
                    .asText().equals("done"));
            JsonNode done = http.get("/api/v1/replays/" + id).json();
            await().atMost(Duration.ofSeconds(30)).until(() -> query(database, "SELECT count(*) FROM reading WHERE replay_id = "
                    + id) == READINGS);

            assertThat(done.get("readingsSent").asLong()).isEqualTo(READINGS);
            assertThat(query(database, "SELECT count(DISTINCT seq) FROM reading WHERE replay_id = " + id)).isEqualTo(READINGS);
            // Each original reading replayed once: the replay's places 0 … 299, each once.
            assertThat(query(database, "SELECT min(seq) FROM reading WHERE replay_id = " + id))
                    .isEqualTo(ReplaySeq.of(id, false, READINGS - 1));
            assertThat(query(database, "SELECT max(seq) FROM reading WHERE replay_id = " + id))
                    .isEqualTo(ReplaySeq.of(id, false, 0));
        }
    }

    private long query(String jdbcUrl, String sql) throws Exception {
        String password = Files.readString(dataDir.resolve("postgres.password")).trim();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
