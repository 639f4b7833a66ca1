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
import java.util.List;

import javax.sql.DataSource;

import io.homegrid.persistence.RepositoryException;
import io.homegrid.persistence.analysis.PowerBucket;
import io.homegrid.persistence.analysis.PowerRollups;
import io.homegrid.persistence.analysis.Resolution;

/** The analyses' power rollups, read from the tables the ingest path keeps (one per {@link Resolution}). */
public final class JdbcPowerRollups implements PowerRollups {

    private static final String DEVICES = """
            SELECT DISTINCT s.device_id FROM series s JOIN gateway g ON g.gateway_key = s.gateway_key
            WHERE g.gateway_id = ANY (?) AND s.sensor = 'power' ORDER BY 1""";

    /** A device that moved between gateways has a series on each: their buckets add up. */
    private static final String POWER = """
            SELECT s.device_id, u.bucket, sum(u.n), sum(u.sum), min(u.min), max(u.max), %s
            FROM %s u JOIN series s ON s.series_id = u.series_id JOIN gateway g ON g.gateway_key = s.gateway_key
            WHERE g.gateway_id = ANY (?) AND s.device_id = ANY (?) AND s.sensor = 'power'
              AND u.bucket >= ? AND u.bucket < ?
            GROUP BY 1, 2 ORDER BY 2, 1""";

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
    public List<PowerBucket> power(Collection<String> gateways, Collection<String> devices, Instant from, Instant to,
            Resolution level) {
        if (!level.aligned(from) || !level.aligned(to)) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") does not lie on " + level + " boundaries");
        }
        if (devices.isEmpty()) {
            return List.of();
        }
        // A minute row is one measured minute, whichever series it came from.
        String sql = POWER.formatted(level == Resolution.MINUTE ? "1"
                : "least(sum(u.minutes), " + level.seconds() / 60 + ")::int", table(level));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", gateways.toArray()));
            statement.setArray(2, connection.createArrayOf("text", devices.toArray()));
            statement.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            statement.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            statement.setFetchSize(10_000);
            List<PowerBucket> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PowerBucket(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3),
                            rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getInt(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the power rollups of " + devices.size() + " device(s)", e);
        }
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
