package io.homegrid.replay.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which backend instance sends a replay: a PostgreSQL session advisory lock on the replay, held on
 * a connection of its own while the replay runs. Every instance sharing the database sees it, so
 * a replay runs once however many instances are told to start or resume it; it goes away with
 * the connection when the instance dies, so that another can take the replay up.
 */
final class ReplayLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayLease.class);
    /** The first half of the two-part lock key: replays, apart from the schema migrator's one-part key. */
    private static final int REPLAYS = 0x68677270;

    private final long id;
    private final Connection connection;

    private ReplayLease(long id, Connection connection) {
        this.id = id;
        this.connection = connection;
    }

    /** The lease of a replay, or empty when another runner (of this instance or another) holds it. */
    static Optional<ReplayLease> take(DataSource dataSource, long id) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (lock(connection, "SELECT pg_try_advisory_lock(?, ?)", id)) {
                return Optional.of(new ReplayLease(id, connection));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection, id);
            throw new IllegalStateException("cannot take the lease of replay " + id, e);
        }
    }

    /**
     * Waits until no runner holds the replay's lease: a runner on another instance gives it up
     * once it has stopped sending.
     *
     * @return false if it was still held after {@code wait}
     */
    static boolean awaitReleased(DataSource dataSource, long id, Duration wait) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // the server waits for the lock, up to lock_timeout, instead of this thread polling
                statement.execute("SET LOCAL lock_timeout = " + wait.toMillis());
            }
            try {
                // a transaction-level lock: the commit gives it back at once
                lock(connection, "SELECT true FROM pg_advisory_xact_lock(?, ?)", id);
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                if ("55P03".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot wait for the lease of replay " + id, e);
        }
    }

    private static boolean lock(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setInt(1, REPLAYS);
            lock.setInt(2, Math.toIntExact(id));
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Gives the lease up, before the connection goes back to its pool, which would keep the lock. */
    @Override
    public void close() {
        try {
            lock(connection, "SELECT pg_advisory_unlock(?, ?)", id);
        } catch (SQLException e) {
            LOG.warn("Replay {}: the lease could not be given back ({}); closing its connection ends it", id,
                    e.toString());
        } finally {
            closeQuietly(connection, id);
        }
    }

    private static void closeQuietly(Connection connection, long id) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Replay {}: closing the lease's connection failed: {}", id, e.toString());
        }
    }
}
