package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.launcher.internal.FreePorts;

/**
 * After a 202 nothing may be lost: the backend is killed with SIGKILL while accepted readings
 * are still in the broker (the persistence connector is paused, the parser may be mid-flight),
 * and a new backend on the same data directory must store every one of them, once.
 */
class DurabilityIT {

    private static final int BATCHES = 20;
    private static final int PER_BATCH = 50;

    @TempDir
    Path dataDir;

    @Test
    void everyAcceptedReadingReachesPostgresAfterTheBackendIsKilled() throws Exception {
        int port = FreePorts.next();
        try (BackendProcess first = BackendProcess.start(port, dataDir, "--pause-persistence")) {
            String pausedDatabase = first.awaitReady();
            RemoteIdentities identities = new RemoteIdentities(port, dataDir);
            Http http = new Http(port, Http.fingerprintIn(dataDir), () -> identities);
            Http.Answer health = http.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().at("/checks/routes/problem").asText()).contains("persistence connector");
            long seq = 0;
            for (int b = 0; b < BATCHES; b++) {
                String[] readings = new String[PER_BATCH];
                for (int i = 0; i < PER_BATCH; i++) {
                    readings[i] = power("plug-" + i, 10 + i, ++seq, 60);
                }
                assertThat(http.post("/api/v1/gateways/gw-durable/readings", batch("gw-durable", readings)).status())
                        .isEqualTo(202);
            }
            assertThat(count(pausedDatabase, password(dataDir))).as("nothing committed before the kill").isZero();

            first.kill();
        }

        int port2 = FreePorts.next();
        try (BackendProcess second = BackendProcess.start(port2, dataDir)) {
            String database = second.awaitReady();

            // As an operator would: the URL from the ready line, the password from its owner-only file.
            String password = password(dataDir);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(count(database, password))
                    .isEqualTo(BATCHES * PER_BATCH));
            assertThat(distinctSeqs(database, password)).isEqualTo(BATCHES * PER_BATCH);
            assertThatThrownBy(() -> DriverManager.getConnection(database, "postgres", "wrong"))
                    .as("no login without the password").isInstanceOf(SQLException.class);

            assertThat(second.stop()).as("exit status after SIGTERM, as on Ctrl-C").isEqualTo(143);
        }
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL stopped with it").doesNotExist();
    }

    private static String password(Path dataDir) throws Exception {
        return Files.readString(dataDir.resolve("postgres.password")).trim();
    }

    private static long count(String jdbcUrl, String password) throws Exception {
        return query(jdbcUrl, password, "SELECT count(*) FROM reading WHERE gateway_id = 'gw-durable'");
    }

    private static long distinctSeqs(String jdbcUrl, String password) throws Exception {
        return query(jdbcUrl, password, "SELECT count(DISTINCT seq) FROM reading WHERE gateway_id = 'gw-durable'");
    }

    private static long query(String jdbcUrl, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
