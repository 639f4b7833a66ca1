package io.homegrid.launcher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL run from zonky's embedded binaries with its data kept in a directory of ours, so it
 * survives restarts. zonky turns {@code fsync} and {@code synchronous_commit} off for tests;
 * here they are on, because this database is where accepted readings end up.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphanedServer(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(FreePorts.next())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        LOG.info("PostgreSQL (embedded) on port {} with data in {}", postgres.getPort(), dataDirectory);
        return new EmbeddedDatabase(postgres);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * A backend killed without a chance to stop its PostgreSQL leaves the server running on our
     * data directory, and a new one cannot start there. The pid file says which process it is.
     */
    private static void stopOrphanedServer(Path dataDirectory) {
        Optional<ProcessHandle> orphan = postmaster(dataDirectory.resolve("postmaster.pid"));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle server = orphan.get();
        LOG.warn("Stopping PostgreSQL left running (pid {}) on {} by a backend that did not shut down",
                server.pid(), dataDirectory);
        // SIGTERM: PostgreSQL's "smart" shutdown, which checkpoints; its clients died with the old backend.
        server.destroy();
        try {
            server.onExit().get(STALE_SERVER_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("PostgreSQL pid {} did not stop in {}; killing it (it recovers from its WAL on start)",
                    server.pid(), STALE_SERVER_STOP, e);
            server.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }
}
