package io.homegrid.launcher.internal;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
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
    private static final Duration LINGERING_PROCESS_EXIT = Duration.ofSeconds(10);
    /** zonky's lock file in the data directory, held by each EmbeddedPostgres instance. */
    private static final String ZONKY_LOCK = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final ProcessHandle postmaster;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, ProcessHandle postmaster, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmaster = postmaster;
        this.password = password;
    }

    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        return start(dataDirectory, FreePorts.next());
    }

    /**
     * On a given port, so that a server started again after a crash is found where the
     * connection pool and every other client already look for it.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        String password = DatabasePassword.loadOrCreate(dataDirectory);
        stopOrphanedServer(dataDirectory);
        LingeringServerProcesses.stop(dataDirectory, LINGERING_PROCESS_EXIT);
        EmbeddedPostgres postgres;
        try {
            postgres = startPostgres(dataDirectory, port, password);
        } catch (OverlappingFileLockException e) {
            // Only this JVM can hold the lock here, and only through an instance whose start
            // failed after it took the lock (zonky keeps no handle to release it by): a new
            // lock file, a new inode, is the way past it.
            LOG.warn("zonky's lock on {} is still held by a failed start in this JVM; replacing its lock file",
                    dataDirectory);
            Files.deleteIfExists(dataDirectory.resolve(ZONKY_LOCK));
            postgres = startPostgres(dataDirectory, port, password);
        }
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory.resolve("postmaster.pid"));
        if (postmaster.isEmpty()) {
            postgres.close();
            throw new IOException("PostgreSQL started on " + dataDirectory + " but no live postmaster is named in its postmaster.pid");
        }
        try {
            DatabasePassword.require(postgres.getPort(), password, dataDirectory);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        LOG.info("PostgreSQL (embedded) on port {} with data in {}, postmaster pid {}", postgres.getPort(), dataDirectory,
                postmaster.get().pid());
        return new EmbeddedDatabase(postgres, dataDirectory, postmaster.get(), password);
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port, String password) throws IOException {
        return EmbeddedPostgres.builder()
                // zonky's own readiness check logs in too, once the server asks for a password.
                .setConnectConfig("password", password)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's postmaster; every other server process is its child. */
    public ProcessHandle postmaster() {
        return postmaster;
    }

    /** False once the postmaster is gone, by a crash, a kill or a stop. */
    public boolean isRunning() {
        return postmaster.isAlive();
    }

    /** Without credentials: the password travels apart from the URL, so that printing the URL shows no secret. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return DatabasePassword.USER;
    }

    /** The superuser's password, generated on first start and kept owner-only beside the data directory. */
    public String password() {
        return password;
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
