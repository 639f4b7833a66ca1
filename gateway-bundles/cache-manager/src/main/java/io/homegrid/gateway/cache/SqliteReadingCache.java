package io.homegrid.gateway.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.model.Reading;
import io.homegrid.model.SensorKind;

/**
 * The reading cache in SQLite: write-ahead log with {@code synchronous=FULL}, so a reading is
 * on disk when {@link #append} returns and survives a power cut. Sequence numbers come from
 * {@code AUTOINCREMENT}, which never reuses a number, even after deletes and restarts.
 */
public final class SqliteReadingCache implements ReadingCache, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteReadingCache.class);
    private static final int DELETE_CHUNK = 500;

    private final Connection connection;
    private final Retention retention;
    private final Clock clock;
    private final AtomicLong evicted = new AtomicLong();
    private final List<Runnable> appended = new CopyOnWriteArrayList<>();

    private SqliteReadingCache(Connection connection, Retention retention, Clock clock) {
        this.connection = connection;
        this.retention = retention;
        this.clock = clock;
    }

    public static SqliteReadingCache open(Path file, Retention retention, Clock clock) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the directory of " + file, e);
        }
        Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), new java.util.Properties());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS reading (seq INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL,"
                    + " sensor TEXT NOT NULL, value REAL NOT NULL, time_micros INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS reading_time ON reading (time_micros)");
        }
        SqliteReadingCache cache = new SqliteReadingCache(connection, retention, clock);
        LOG.info("Reading cache {} opened with {} unsent reading(s)", file, cache.size());
        return cache;
    }

    @Override
    public synchronized List<Reading> append(List<Measurement> measurements) {
        List<Reading> stored = new ArrayList<>(measurements.size());
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO reading (device, sensor, value, time_micros) VALUES (?, ?, ?, ?) RETURNING seq")) {
                for (Measurement m : measurements) {
                    insert.setString(1, m.device());
                    insert.setString(2, m.sensor().id());
                    insert.setDouble(3, m.value());
                    insert.setLong(4, micros(m.time()));
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        stored.add(new Reading(m.device(), m.sensor(), m.value(), m.unit(), m.time(), rs.getLong(1)));
                    }
                }
            }
            connection.commit();
            if (!stored.isEmpty()) {
                appended.forEach(Runnable::run);
            }
            return stored;
        } catch (SQLException e) {
            rollback();
            throw new CacheException("cannot store " + measurements.size() + " reading(s)", e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public void whenAppended(Runnable listener) {
        appended.add(listener);
    }

    @Override
    public synchronized List<Reading> oldest(int max) {
        return query("SELECT seq, device, sensor, value, time_micros FROM reading ORDER BY seq LIMIT ?", max);
    }

    @Override
    public synchronized List<Reading> newest(int max) {
        List<Reading> newest = query("SELECT seq, device, sensor, value, time_micros FROM reading ORDER BY seq DESC LIMIT ?",
                max);
        Collections.reverse(newest);
        return newest;
    }

    @Override
    public synchronized List<Reading> takenSince(Instant since, int max) {
        List<Reading> readings = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, device, sensor, value, time_micros FROM reading WHERE time_micros >= ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, micros(since));
            select.setInt(2, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    readings.add(reading(rs));
                }
            }
            return readings;
        } catch (SQLException e) {
            throw new CacheException("cannot read recent readings", e);
        }
    }

    @Override
    public synchronized void remove(Collection<Long> seqs) {
        try {
            connection.setAutoCommit(false);
            Iterator<Long> remaining = seqs.iterator();
            while (remaining.hasNext()) {
                List<Long> chunk = new ArrayList<>(DELETE_CHUNK);
                while (remaining.hasNext() && chunk.size() < DELETE_CHUNK) {
                    chunk.add(remaining.next());
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM reading WHERE seq IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        delete.setLong(i + 1, chunk.get(i));
                    }
                    delete.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new CacheException("cannot remove " + seqs.size() + " acknowledged reading(s)", e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized long size() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new CacheException("cannot count cached readings", e);
        }
    }

    @Override
    public long evicted() {
        return evicted.get();
    }

    /** Drops readings older than the retention time, then the oldest while the file is over its cap. */
    public synchronized void enforceRetention() {
        try (Statement s = connection.createStatement()) {
            long cutoff = micros(clock.instant().minus(retention.maxAge()));
            int old = s.executeUpdate("DELETE FROM reading WHERE time_micros < " + cutoff);
            int oversize = 0;
            while (bytes() > retention.maxBytes() && size() > 0) {
                oversize += s.executeUpdate("DELETE FROM reading WHERE seq IN (SELECT seq FROM reading ORDER BY seq LIMIT "
                        + DELETE_CHUNK + ")");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                s.execute("VACUUM");
            }
            if (old + oversize > 0) {
                evicted.addAndGet(old + oversize);
                LOG.warn("Dropped {} unsent reading(s) older than {} and {} over the {} MB cap ({} dropped since start)",
                        old, retention.maxAge(), oversize, retention.maxBytes() >> 20, evicted.get());
            }
        } catch (SQLException e) {
            throw new CacheException("cannot apply the retention policy", e);
        }
    }

    private long bytes() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    private List<Reading> query(String sql, int max) {
        List<Reading> readings = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    readings.add(reading(rs));
                }
            }
            return readings;
        } catch (SQLException e) {
            throw new CacheException("cannot read cached readings", e);
        }
    }

    private static Reading reading(ResultSet rs) throws SQLException {
        SensorKind kind = SensorKind.byId(rs.getString(3)).orElseThrow();
        return new Reading(rs.getString(2), kind, rs.getDouble(4), kind.canonicalUnit(),
                Instant.EPOCH.plus(rs.getLong(5), ChronoUnit.MICROS), rs.getLong(1));
    }

    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rolling back the cache transaction failed", e);
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("Restoring auto-commit on the cache failed", e);
        }
    }
}
