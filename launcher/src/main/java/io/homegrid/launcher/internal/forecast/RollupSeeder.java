package io.homegrid.launcher.internal.forecast;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Stores simulated device history as the ingest path would have rolled it up: one power series
 * per device, a minute rollup per minute (as if one reading a minute had been stored), and the
 * quarter-hour, hour and day rollups summed from the minutes with their measured minutes, the way
 * schema migration V7 derives them. Raw readings are not written: the forecast reads rollups
 * only, and four weeks of twenty households' 2 s readings would take an hour to store.
 */
public final class RollupSeeder {

    private static final String GATEWAY = """
            INSERT INTO gateway (gateway_id, first_seen, last_seen) VALUES (?, ?, ?)
            ON CONFLICT (gateway_id) DO UPDATE SET last_seen = greatest(gateway.last_seen, excluded.last_seen)""";
    private static final String SERIES = """
            INSERT INTO series (gateway_key, device_id, sensor, unit)
            SELECT gateway_key, ?, 'power', 'W' FROM gateway WHERE gateway_id = ?
            ON CONFLICT (device_id, sensor, gateway_key) DO UPDATE SET unit = excluded.unit
            RETURNING series_id""";
    private static final String MINUTES = """
            INSERT INTO reading_minute (series_id, bucket, n, sum, min, max)
            SELECT ?, ?::timestamptz + interval '1 minute' * (m.i - 1), 1, m.w, m.w, m.w
            FROM unnest(?::float8[]) WITH ORDINALITY AS m(w, i)""";
    private static final String COARSER = """
            INSERT INTO %s (series_id, bucket, n, sum, min, max, minutes)
            SELECT series_id, date_bin('%s', bucket, timestamptz '1970-01-01 00:00:00+00'), sum(n), sum(sum), min(min),
                   max(max), count(*)
            FROM reading_minute WHERE series_id = ANY (?) AND bucket >= ? AND bucket < ?
            GROUP BY 1, 2""";

    private final DataSource dataSource;

    public RollupSeeder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param start   the first minute, on the UTC minute (and day, for whole day rollups)
     * @param watts   per device and minute
     */
    public void seed(String gateway, List<String> devices, Instant start, double[][] watts) throws SQLException {
        Instant end = start.plusSeconds(60L * watts[0].length);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(GATEWAY)) {
                statement.setString(1, gateway);
                statement.setObject(2, utc(start));
                statement.setObject(3, utc(end));
                statement.executeUpdate();
            }
            List<Integer> series = new ArrayList<>();
            for (int d = 0; d < devices.size(); d++) {
                int id;
                try (PreparedStatement statement = connection.prepareStatement(SERIES)) {
                    statement.setString(1, devices.get(d));
                    statement.setString(2, gateway);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        id = rs.getInt(1);
                    }
                }
                series.add(id);
                try (PreparedStatement statement = connection.prepareStatement(MINUTES)) {
                    Double[] values = new Double[watts[d].length];
                    for (int m = 0; m < values.length; m++) {
                        values[m] = watts[d][m];
                    }
                    statement.setInt(1, id);
                    statement.setObject(2, utc(start));
                    statement.setArray(3, connection.createArrayOf("float8", values));
                    statement.executeUpdate();
                }
            }
            Array ids = connection.createArrayOf("int4", series.toArray());
            for (String[] level : new String[][] {{"reading_quarter", "15 minutes"}, {"reading_hour", "1 hour"},
                    {"reading_day", "1 day"}}) {
                try (PreparedStatement statement = connection.prepareStatement(COARSER.formatted(level[0], level[1]))) {
                    statement.setArray(1, ids);
                    statement.setObject(2, utc(start));
                    statement.setObject(3, utc(end));
                    statement.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    private static OffsetDateTime utc(Instant time) {
        return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
    }
}
