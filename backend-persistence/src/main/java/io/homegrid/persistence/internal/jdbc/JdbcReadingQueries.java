package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.homegrid.model.SensorKind;
import io.homegrid.persistence.BucketSize;
import io.homegrid.persistence.ReadingBucket;
import io.homegrid.persistence.RepositoryException;
import io.homegrid.persistence.SensorView;
import io.homegrid.persistence.StoredReading;

/**
 * Reading queries: the device's series are found by name, then each is an index range scan on
 * (series_id, measured_at) in the partitions the time range touches. Buckets of a minute or
 * more come from the rollups where whole rollup buckets fit, and from the raw rows only at the
 * range's unaligned edges.
 */
public final class JdbcReadingQueries {

    private static final String LATEST = """
            SELECT device_id, sensor, value, unit, measured_at, seq FROM sensor_latest
            WHERE device_id = ANY (?) ORDER BY device_id, sensor""";

    private static final String RAW = """
            SELECT s.sensor, r.value, s.unit, r.measured_at, r.seq FROM reading_row r
            JOIN series s ON s.series_id = r.series_id
            WHERE s.device_id = ? AND r.measured_at >= ? AND r.measured_at < ? %s
            ORDER BY r.measured_at, r.seq LIMIT ?""";

    /** An isolated replay's readings, kept apart from the history. */
    private static final String RAW_REPLAYED = """
            SELECT sensor, value, unit, measured_at, seq FROM replay_reading s
            WHERE replay_id = ? AND device_id = ? AND measured_at >= ? AND measured_at < ? %s
            ORDER BY measured_at, seq LIMIT ?""";

    /**
     * Rollup rows of whole buckets in [?, ?) plus raw rows of the edges [?, ?) and [?, ?), binned
     * together: exact whatever the range's alignment.
     */
    private static final String BUCKETS = """
            SELECT sensor, date_bin(?::interval, t, timestamptz '1970-01-01 00:00:00+00') AS bucket,
                   sum(total) / sum(n), min(low), max(high), sum(n)
            FROM (
              SELECT s.sensor, u.bucket AS t, u.n, u.sum AS total, u.min AS low, u.max AS high
              FROM %1$s u JOIN series s ON s.series_id = u.series_id
              WHERE s.device_id = ? AND u.bucket >= ? AND u.bucket < ? %2$s
              UNION ALL
              SELECT s.sensor, r.measured_at, 1, r.value, r.value, r.value
              FROM reading_row r JOIN series s ON s.series_id = r.series_id
              WHERE s.device_id = ? AND ((r.measured_at >= ? AND r.measured_at < ?) OR (r.measured_at >= ? AND r.measured_at < ?)) %2$s
            ) parts
            GROUP BY sensor, bucket ORDER BY bucket, sensor""";

    private static final String SENSOR_FILTER = "AND s.sensor = ?";

    private final DataSource dataSource;

    public JdbcReadingQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Latest value of every sensor of the given devices, by device. */
    public Map<String, List<SensorView>> latest(Collection<String> devices) {
        Map<String, List<SensorView>> result = new HashMap<>();
        if (devices.isEmpty()) {
            return result;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LATEST)) {
            statement.setArray(1, connection.createArrayOf("text", devices.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(new SensorView(rs.getString(2),
                            rs.getString(4), rs.getDouble(3), instant(rs, 5), rs.getLong(6)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read latest values of " + devices.size() + " device(s)", e);
        }
    }

    /** @param replay an isolated replay's readings; null: the device's history */
    public List<StoredReading> readings(String device, SensorKind sensor, Instant from, Instant to, int limit,
            Long replay) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        (replay == null ? RAW : RAW_REPLAYED).formatted(sensor == null ? "" : SENSOR_FILTER))) {
            int first = 1;
            if (replay != null) {
                statement.setLong(first++, replay);
            }
            int i = bindRange(statement, first, device, from, to, sensor);
            statement.setInt(i, limit);
            List<StoredReading> readings = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    readings.add(new StoredReading(rs.getString(1), rs.getDouble(2), rs.getString(3), instant(rs, 4),
                            rs.getLong(5)));
                }
            }
            return readings;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read readings of device " + device, e);
        }
    }

    public List<ReadingBucket> buckets(String device, SensorKind sensor, Instant from, Instant to, BucketSize size) {
        Rollups.Level level = level(size);
        // The rollup buckets that lie wholly inside the range; none when the range is shorter than one.
        Instant inner = level.ceil(from);
        Instant outer = level.floor(to);
        if (!inner.isBefore(outer)) {
            inner = to;
            outer = to;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        BUCKETS.formatted(level.table(), sensor == null ? "" : SENSOR_FILTER))) {
            int i = 1;
            statement.setString(i++, size.width().toSeconds() + " seconds");
            i = bindRange(statement, i, device, inner, outer, sensor);
            statement.setString(i++, device);
            for (Instant edge : new Instant[] {from, inner, outer, to}) {
                statement.setObject(i++, OffsetDateTime.ofInstant(edge, ZoneOffset.UTC));
            }
            if (sensor != null) {
                statement.setString(i, sensor.id());
            }
            List<ReadingBucket> buckets = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new ReadingBucket(rs.getString(1), instant(rs, 2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getLong(6)));
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw new RepositoryException("cannot aggregate readings of device " + device, e);
        }
    }

    /** The coarsest rollup whose buckets tile the requested ones. */
    private static Rollups.Level level(BucketSize size) {
        Rollups.Level chosen = Rollups.Level.MINUTE;
        for (Rollups.Level level : Rollups.Level.values()) {
            if (size.width().toMillis() % level.millis() == 0) {
                chosen = level;
            }
        }
        return chosen;
    }

    /** Exact below a million rows; above that PostgreSQL's statistics estimate, because count(*) scans the table. */
    public long readingCount() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement estimate = connection.prepareStatement("SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint"
                        + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'reading_row'::regclass");
                ResultSet rs = estimate.executeQuery()) {
            long estimated = rs.next() ? rs.getLong(1) : -1;
            if (estimated >= 1_000_000) {
                return estimated;
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM reading_row");
                    ResultSet exact = count.executeQuery()) {
                exact.next();
                return exact.getLong(1);
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot count readings", e);
        }
    }

    private static int bindRange(PreparedStatement statement, int first, String device, Instant from, Instant to,
            SensorKind sensor) throws SQLException {
        int i = first;
        statement.setString(i++, device);
        statement.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        statement.setObject(i++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        if (sensor != null) {
            statement.setString(i++, sensor.id());
        }
        return i;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
