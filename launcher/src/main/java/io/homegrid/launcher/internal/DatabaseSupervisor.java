package io.homegrid.launcher.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.retry.Backoff;
import io.homegrid.routes.rest.HealthCheck;

/**
 * Keeps the embedded PostgreSQL running: checks every second that its postmaster lives and, when
 * it died, starts PostgreSQL again on the same data directory (its crash recovery replays the
 * WAL) and the same port, so the connection pool and the Persistence Connector, which hold their
 * work while the database is away, reconnect by themselves. A server that keeps dying is
 * restarted less and less often. Nothing is restarted once {@link #close()} or JVM shutdown began.
 */
public final class DatabaseSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSupervisor.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** Up this long, a server's earlier crashes no longer slow its next restart. */
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** A restart can take zonky's whole startup wait (60 s) plus the wait for lingering processes. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Path dataDirectory;
    private final int port;
    private final Clock clock;
    private final ScheduledExecutorService watcher;
    private final Thread jvmShutdown = new Thread(this::stopRestarting, "postgres-supervisor-shutdown");
    private volatile boolean stopping;
    /** The running server, or null while it is down; changed only on the watcher thread until close. */
    private volatile EmbeddedDatabase current;
    /** Null while the server is up, else what an operator reads on /health. */
    private volatile String problem;
    private int crashes;
    /** The pause from the second crash in a row on; the first is restarted at once. */
    private final Backoff restarts = new Backoff(Duration.ofSeconds(1), MAX_BACKOFF);
    private Instant upSince;
    private Instant nextAttempt;

    private DatabaseSupervisor(EmbeddedDatabase first, Clock clock) {
        this.dataDirectory = first.dataDirectory();
        this.port = first.port();
        this.clock = clock;
        this.current = first;
        this.upSince = clock.instant();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "postgres-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        // shutdown() must cancel a pending check, not run it: no restart after close.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.watcher = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** Starts PostgreSQL on {@code dataDirectory} and watches it from then on. */
    public static DatabaseSupervisor start(Path dataDirectory) throws IOException {
        DatabaseSupervisor supervisor = new DatabaseSupervisor(EmbeddedDatabase.start(dataDirectory), Clock.systemUTC());
        // zonky's own shutdown hook stops PostgreSQL at JVM exit: that is no crash to restart after.
        Runtime.getRuntime().addShutdownHook(supervisor.jvmShutdown);
        supervisor.watcher.scheduleWithFixedDelay(supervisor::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return supervisor;
    }

    public String jdbcUrl() {
        return current().jdbcUrl();
    }

    public String user() {
        return current().user();
    }

    /** The superuser's password; it does not change across restarts. */
    public String password() {
        return current().password();
    }

    /**
     * {@code pool}'s check, preceded by two that answer at once while the server is down: the
     * supervisor's own reason once it saw the postmaster die, and before that (or if the
     * server is up but refuses) a fresh connection to the server itself. The pool alone would
     * hold a health request for its whole connection timeout, and answer 200 when an outage
     * ends within it.
     */
    public HealthCheck health(HealthCheck pool) {
        return HealthCheck.of(pool.name(), () -> {
            String down = problem;
            if (down == null) {
                down = serverProblem();
            }
            return down != null ? down : pool.problem();
        });
    }

    private String serverProblem() {
        EmbeddedDatabase database = current;
        if (database == null) {
            return problem;
        }
        Properties login = new Properties();
        login.setProperty("user", database.user());
        login.setProperty("password", database.password());
        login.setProperty("connectTimeout", Long.toString(PROBE_TIMEOUT.toSeconds()));
        login.setProperty("socketTimeout", Long.toString(PROBE_TIMEOUT.toSeconds()));
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), login)) {
            return null;
        } catch (SQLException e) {
            return "embedded PostgreSQL on port " + port + " does not accept connections: " + e.getMessage();
        }
    }

    private EmbeddedDatabase current() {
        EmbeddedDatabase database = current;
        if (database == null) {
            throw new IllegalStateException("embedded PostgreSQL on " + dataDirectory + " is down: " + problem);
        }
        return database;
    }

    private void check() {
        try {
            EmbeddedDatabase database = current;
            if (database != null && database.isRunning()) {
                if (crashes > 0 && upSince.plus(STABLE).isBefore(clock.instant())) {
                    crashes = 0;
                    restarts.succeeded();
                }
                return;
            }
            if (database != null) {
                died(database);
            }
            if (!stopping && !clock.instant().isBefore(nextAttempt)) {
                restart();
            }
        } catch (RuntimeException e) {
            // An exception would cancel the periodic check for good; log it and check again.
            LOG.error("Supervising embedded PostgreSQL on {} failed", dataDirectory, e);
        }
    }

    private void died(EmbeddedDatabase database) {
        // The reason first: /health must never see neither a server nor a reason.
        problem = "embedded PostgreSQL (postmaster pid " + database.postmaster().pid() + ") died; restarting it";
        current = null;
        crashes++;
        Duration backoff = backoff();
        nextAttempt = clock.instant().plus(backoff);
        // The postmaster is pg_ctl's child, not ours: its exit status cannot be had, only that it is gone.
        LOG.error("Embedded PostgreSQL died: postmaster pid {} on port {} with data in {} is gone (exit status not "
                + "known to this JVM: pg_ctl started it); crash {} in a row, restarting in {}",
                database.postmaster().pid(), port, dataDirectory, crashes, backoff);
        try {
            // Releases zonky's lock on the data directory, which the restart needs.
            database.close();
        } catch (IOException e) {
            LOG.warn("Releasing the dead PostgreSQL on {} failed", dataDirectory, e);
        }
    }

    private void restart() {
        try {
            EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, port);
            current = database;
            upSince = clock.instant();
            problem = null;
            LOG.warn("Embedded PostgreSQL is back on port {} with data in {} (postmaster pid {}) after crash recovery",
                    port, dataDirectory, database.postmaster().pid());
        } catch (IOException | RuntimeException e) {
            crashes++;
            Duration backoff = backoff();
            nextAttempt = clock.instant().plus(backoff);
            problem = "embedded PostgreSQL is down and could not be started again (" + e.getMessage()
                    + "); next attempt in " + backoff;
            LOG.error("Starting embedded PostgreSQL again on port {} with data in {} failed (attempt {}); next attempt in {}",
                    port, dataDirectory, crashes, backoff, e);
        }
    }

    /** Immediately after the first crash, then 1 s, 2 s, 4 s... up to a minute. */
    private Duration backoff() {
        return crashes <= 1 ? Duration.ZERO : restarts.failed();
    }

    private void stopRestarting() {
        stopping = true;
        watcher.shutdown();
    }

    @Override
    public void close() throws IOException {
        stopRestarting();
        try {
            Runtime.getRuntime().removeShutdownHook(jvmShutdown);
        } catch (IllegalStateException e) {
            LOG.debug("JVM shutdown under way; its hook stays registered");
        }
        try {
            // A restart under way finishes first, so that the server it started is stopped below.
            if (!watcher.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Supervisor of PostgreSQL on {} did not stop in {}; stopping PostgreSQL anyway", dataDirectory,
                        STOP_WAIT);
                watcher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watcher.shutdownNow();
        }
        EmbeddedDatabase database = current;
        current = null;
        if (database != null) {
            database.close();
        }
    }
}
