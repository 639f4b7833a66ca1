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

/** Reading queries: each one an index range scan on (device_id, sensor, measured_at). */
public final class JdbcReadingQueries {

    private static final String LATEST = """
            SELECT device_id, sensor, value, unit, measured_at, seq FROM sensor_latest
            WHERE device_id = ANY (?) ORDER BY device_id, sensor""";

    private static final String RAW = """
            SELECT sensor, value, unit, measured_at, seq FROM reading
            WHERE device_id = ? AND measured_at >= ? AND measured_at < ? %s
            ORDER BY measured_at, seq LIMIT ?""";

    /** An isolated replay's readings, kept apart from the history. */
    private static final String RAW_REPLAYED = """
            SELECT sensor, value, unit, measured_at, seq FROM replay_reading
            WHERE replay_id = ? AND device_id = ? AND measured_at >= ? AND measured_at < ? %s
            ORDER BY measured_at, seq LIMIT ?""";

    private static final String BUCKETS = """
            SELECT sensor, date_bin(?::interval, measured_at, timestamptz '1970-01-01 00:00:00+00') AS bucket,
                   avg(value), min(value), max(value), count(*)
            FROM reading
            WHERE device_id = ? AND measured_at >= ? AND measured_at < ? %s
            GROUP BY sensor, bucket ORDER BY bucket, sensor""";

    private static final String SENSOR_FILTER = "AND sensor = ?";

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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        BUCKETS.formatted(sensor == null ? "" : SENSOR_FILTER))) {
            statement.setString(1, size.width().toSeconds() + " seconds");
            bindRange(statement, 2, device, from, to, sensor);
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

    /** Exact below a million rows; above that PostgreSQL's statistics estimate, because count(*) scans the table. */
    public long readingCount() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement estimate = connection.prepareStatement(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = 'reading'::regclass");
                ResultSet rs = estimate.executeQuery()) {
            long estimated = rs.next() ? rs.getLong(1) : -1;
            if (estimated >= 1_000_000) {
                return estimated;
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM reading");
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
