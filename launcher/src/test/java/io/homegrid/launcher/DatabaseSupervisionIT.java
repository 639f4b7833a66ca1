package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.launcher.internal.FreePorts;

/**
 * The embedded PostgreSQL is supervised: its postmaster is killed with SIGKILL while a gateway
 * pushes, and the same backend, never restarted, reports the database down, gets it back by
 * itself and stores every reading it answered 202 for, once.
 */
class DatabaseSupervisionIT {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSupervisionIT.class);
    private static final String GATEWAY = "gw-pg-kill";
    private static final int PER_BATCH = 20;
    /** Bounds the pusher should the test never stop it; about five minutes of pushing. */
    private static final int MAX_BATCHES = 20_000;
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void aKilledPostgresComesBackByItselfAndEveryAcceptedReadingIsStoredOnce() throws Exception {
        int port = FreePorts.next();
        ExecutorService pushing = Executors.newSingleThreadExecutor();
        try (EmbeddedBackend backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir))) {
            Http http = Http.to(backend, port);
            Pusher pusher = new Pusher(http, GATEWAY, PER_BATCH, MAX_BATCHES);
            CompletableFuture<Void> pushed = CompletableFuture.runAsync(pusher, pushing);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(backend) >= 20L * PER_BATCH);

            // given PostgreSQL killed as the OOM killer or an operator's kill -9 would
            ProcessHandle postmaster = postmaster();
            long acceptedBeforeKill = pusher.acceptedCount();
            AtomicReference<String> downReason = new AtomicReference<>();
            Instant killed = Instant.now();
            assertThat(postmaster.destroyForcibly()).isTrue();

            // then /health names the database as down, and later as up again, without a backend restart
            await("/health 503 naming the database").atMost(RECOVERY).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> {
                        Http.Answer health = http.get("/health");
                        assertThat(health.status()).isEqualTo(503);
                        assertThat(health.json().at("/checks/database/status").asText()).isEqualTo("DOWN");
                        downReason.set(health.json().at("/checks/database/problem").asText());
                    });
            Instant seenDown = Instant.now();
            Duration left = RECOVERY.minus(Duration.between(killed, seenDown));
            await("/health 200 again").atMost(left).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.get("/health").status() == 200);
            Instant seenUp = Instant.now();
            long acceptedAtRecovery = pusher.acceptedCount();
            ProcessHandle restarted = postmaster();
            assertThat(restarted.pid()).as("a new postmaster").isNotEqualTo(postmaster.pid());
            assertThat(restarted.isAlive()).isTrue();
            assertThat(postmaster.isAlive()).isFalse();

            // and ingest resumes by itself: readings pushed after the recovery are stored too
            await().atMost(Duration.ofSeconds(30)).until(() -> pusher.acceptedCount() >= acceptedAtRecovery + 50L * PER_BATCH);
            pusher.stop();
            pushed.get(60, TimeUnit.SECONDS);
            Set<Long> accepted = pusher.accepted();
            await("every accepted reading stored").atMost(Duration.ofSeconds(60))
                    .until(() -> storedSeqs(backend).containsAll(accepted));

            LOG.info("PostgreSQL killed at {}; /health 503 seen after {} ({}), 200 after {}; "
                    + "{} readings accepted before the kill, {} by recovery, {} in all, {} not accepted",
                    killed, Duration.between(killed, seenDown), downReason.get(), Duration.between(killed, seenUp),
                    acceptedBeforeKill,
                    acceptedAtRecovery, accepted.size(), pusher.notAccepted());
            assertThat(acceptedAtRecovery).as("pushes answered 202 while the database was away").isGreaterThan(acceptedBeforeKill);
            assertThat(query(backend, "SELECT count(*) FROM reading WHERE gateway_id = '" + GATEWAY + "'"))
                    .as("no reading stored twice").isEqualTo(query(backend,
                            "SELECT count(DISTINCT seq) FROM reading WHERE gateway_id = '" + GATEWAY + "'"));
            assertThat(storedSeqs(backend)).as("nothing stored that was never sent")
                    .allMatch(seq -> seq >= 1 && seq <= pusher.sent());
            assertThat(backend.persistence().running()).isTrue();
        } finally {
            pushing.shutdownNow();
        }
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL stopped with the backend")
                .doesNotExist();
        await("supervisor thread gone").atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(thread -> thread.getName().startsWith("postgres-supervisor")));
    }

    /** The running postmaster, from the first line of its pid file. */
    private ProcessHandle postmaster() throws Exception {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " from " + pidFile));
    }

    private static long stored(EmbeddedBackend backend) throws Exception {
        return query(backend, "SELECT count(*) FROM reading WHERE gateway_id = '" + GATEWAY + "'");
    }

    private static Set<Long> storedSeqs(EmbeddedBackend backend) throws Exception {
        Set<Long> seqs = new HashSet<>();
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq FROM reading WHERE gateway_id = '" + GATEWAY + "'")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        return seqs;
    }

    private static long query(EmbeddedBackend backend, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
