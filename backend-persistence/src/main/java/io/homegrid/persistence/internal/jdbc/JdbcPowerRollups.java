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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.homegrid.persistence.RepositoryException;
import io.homegrid.persistence.analysis.PowerGroup;
import io.homegrid.persistence.analysis.PowerRollups;
import io.homegrid.persistence.analysis.Resolution;

/** The analyses' power rollups, read from the tables the ingest path keeps (one per {@link Resolution}). */
public final class JdbcPowerRollups implements PowerRollups {

    private static final String DEVICES = """
            SELECT DISTINCT s.device_id FROM series s JOIN gateway g ON g.gateway_key = s.gateway_key
            WHERE g.gateway_id = ANY (?) AND s.sensor = 'power' ORDER BY 1""";

    /**
     * width_bucket finds each rollup bucket's interval among the boundaries, and the groups array
     * maps the interval to its group, so that only the answer's rows leave the database.
     */
    private static final String GROUPED = """
            SELECT u.series_id, (?::int[])[width_bucket(extract(epoch FROM u.bucket)::float8, ?::float8[])],
                   sum(u.n), sum(u.sum), min(u.min), max(u.max), %1$s, sum(u.sum / u.n * %2$s) / 60
            FROM %3$s u
            WHERE u.series_id = ANY (?) AND u.bucket >= ? AND u.bucket < ?
            GROUP BY 1, 2""";

    /** The power series of these devices of these gateways: grouping by their small keys, not by text, is cheaper. */
    private static final String SERIES = """
            SELECT s.series_id, s.device_id FROM series s JOIN gateway g ON g.gateway_key = s.gateway_key
            WHERE g.gateway_id = ANY (?) AND s.device_id = ANY (?) AND s.sensor = 'power'""";

    private final DataSource dataSource;

    public JdbcPowerRollups(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<String> powerDevices(Collection<String> gateways) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(DEVICES)) {
            statement.setArray(1, connection.createArrayOf("text", gateways.toArray()));
            List<String> devices = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    devices.add(rs.getString(1));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw new RepositoryException("cannot list the power devices of " + gateways.size() + " gateway(s)", e);
        }
    }

    @Override
    public List<PowerGroup> grouped(Collection<String> gateways, Collection<String> devices, List<Instant> boundaries,
            int[] groups, Resolution level) {
        Instant from = boundaries.get(0);
        Instant to = boundaries.get(boundaries.size() - 1);
        if (!boundaries.stream().allMatch(level::aligned)) {
            throw new IllegalArgumentException("the boundaries of [" + from + ", " + to + ") do not lie on " + level);
        }
        if (devices.isEmpty()) {
            return List.of();
        }
        int intervals = boundaries.size() - 1;
        Object[] thresholds = new Object[intervals];
        Object[] groupOf = new Object[intervals];
        for (int i = 0; i < intervals; i++) {
            thresholds[i] = (double) boundaries.get(i).getEpochSecond();
            groupOf[i] = groups == null ? i : groups[i];
        }
        boolean minute = level == Resolution.MINUTE;
        String sql = GROUPED.formatted(minute ? "count(*)" : "sum(u.minutes)", minute ? "1" : "u.minutes", table(level));
        try (Connection connection = dataSource.getConnection()) {
            Map<Integer, String> series = series(connection, gateways, devices);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("int4", groupOf));
                statement.setArray(2, connection.createArrayOf("float8", thresholds));
                statement.setArray(3, connection.createArrayOf("int4", series.keySet().toArray()));
                statement.setObject(4, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                statement.setObject(5, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                // A device on two gateways has a series on each: their groups add up.
                Map<String, PowerGroup> rows = new LinkedHashMap<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        PowerGroup row = new PowerGroup(series.get(rs.getInt(1)), rs.getInt(2), rs.getLong(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getLong(7), rs.getDouble(8));
                        rows.merge(row.device() + '\u0000' + row.group(), row, JdbcPowerRollups::add);
                    }
                }
                return new ArrayList<>(rows.values());
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot sum the power rollups of " + devices.size() + " device(s)", e);
        }
    }

    private static Map<Integer, String> series(Connection connection, Collection<String> gateways,
            Collection<String> devices) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SERIES)) {
            statement.setArray(1, connection.createArrayOf("text", gateways.toArray()));
            statement.setArray(2, connection.createArrayOf("text", devices.toArray()));
            Map<Integer, String> series = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    series.put(rs.getInt(1), rs.getString(2));
                }
            }
            return series;
        }
    }

    private static PowerGroup add(PowerGroup a, PowerGroup b) {
        return new PowerGroup(a.device(), a.group(), a.n() + b.n(), a.sum() + b.sum(), Math.min(a.min(), b.min()),
                Math.max(a.max(), b.max()), a.minutes() + b.minutes(), a.energyWh() + b.energyWh());
    }

    private static String table(Resolution level) {
        return switch (level) {
            case MINUTE -> "reading_minute";
            case QUARTER_HOUR -> "reading_quarter";
            case HOUR -> "reading_hour";
            case DAY -> "reading_day";
        };
    }
}
