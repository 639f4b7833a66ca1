package io.homegrid.persistence.internal.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.ReplaySeq;

/**
 * The lean ingest path: any number of reading batches in one transaction and a handful of
 * statements, each carrying its rows as arrays ({@code unnest}), so the cost per reading is
 * PostgreSQL's own insert cost rather than a round trip or an ORM object.
 *
 * <p>Rows are sent sorted by key: two writers touching the same gateway, device or sensor then
 * take their row locks in the same order and cannot deadlock each other.
 */
public final class JdbcReadingWriter {

    private static final String UPSERT_GATEWAYS = """
            INSERT INTO gateway (gateway_id, first_seen, last_seen)
            SELECT g, now(), now() FROM unnest(?::text[]) AS g
            ON CONFLICT (gateway_id) DO UPDATE SET last_seen = now()""";

    private static final String INSERT_UNKNOWN_DEVICES = """
            INSERT INTO device (device_id, gateway_id, first_seen, updated)
            SELECT d, g, now(), now() FROM unnest(?::text[], ?::text[]) AS u(d, g)
            ON CONFLICT (device_id) DO NOTHING""";

    private static final String INSERT_READINGS = """
            INSERT INTO reading (gateway_id, seq, device_id, sensor, value, unit, measured_at, replay_id)
            SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::timestamptz[],
                                 ?::bigint[])
            ON CONFLICT (gateway_id, seq) DO NOTHING""";

    /** An isolated replay's readings: apart from the household's history. */
    private static final String INSERT_ISOLATED = """
            INSERT INTO replay_reading (gateway_id, seq, device_id, sensor, value, unit, measured_at, replay_id)
            SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::timestamptz[],
                                 ?::bigint[])
            ON CONFLICT (gateway_id, seq) DO NOTHING""";

    private static final String UPSERT_LATEST = """
            INSERT INTO sensor_latest AS l (device_id, sensor, gateway_id, value, unit, measured_at, seq)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::timestamptz[], ?::bigint[])
            ON CONFLICT (device_id, sensor) DO UPDATE
              SET gateway_id = excluded.gateway_id, value = excluded.value, unit = excluded.unit,
                  measured_at = excluded.measured_at, seq = excluded.seq
              WHERE l.measured_at < excluded.measured_at""";

    private final DataSource dataSource;

    public JdbcReadingWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public WriteResult write(List<ReadingBatch> batches) throws SQLException {
        List<Row> rows = rows(batches);
        if (rows.isEmpty()) {
            return new WriteResult(0, 0);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                upsertGateways(connection, batches);
                insertUnknownDevices(connection, rows);
                List<Row> history = rows.stream().filter(row -> !row.isolated()).toList();
                List<Row> isolated = rows.stream().filter(Row::isolated).toList();
                int inserted = insertReadings(connection, INSERT_READINGS, history)
                        + insertReadings(connection, INSERT_ISOLATED, isolated);
                // An isolated replay's readings are not the household's latest values.
                upsertLatest(connection, history);
                connection.commit();
                return new WriteResult(inserted, rows.size() - inserted);
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    /**
     * A connection the server dropped (it crashed, or was restarted) fails its rollback too; that
     * failure must not replace the cause, which tells the caller to retry rather than give up.
     */
    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static List<Row> rows(List<ReadingBatch> batches) {
        List<Row> rows = new ArrayList<>();
        for (ReadingBatch batch : batches) {
            for (Reading reading : batch.readings()) {
                rows.add(new Row(batch.gateway(), reading));
            }
        }
        rows.sort(Comparator.comparing(Row::gateway).thenComparingLong(row -> row.reading().seq()));
        return rows;
    }

    private static void upsertGateways(Connection connection, List<ReadingBatch> batches) throws SQLException {
        TreeSet<String> gateways = new TreeSet<>();
        batches.forEach(batch -> gateways.add(batch.gateway()));
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_GATEWAYS)) {
            statement.setArray(1, connection.createArrayOf("text", gateways.toArray()));
            statement.executeUpdate();
        }
    }

    private static void insertUnknownDevices(Connection connection, List<Row> rows) throws SQLException {
        TreeMap<String, String> gatewayByDevice = new TreeMap<>();
        rows.forEach(row -> gatewayByDevice.putIfAbsent(row.reading().device(), row.gateway()));
        try (PreparedStatement statement = connection.prepareStatement(INSERT_UNKNOWN_DEVICES)) {
            statement.setArray(1, connection.createArrayOf("text", gatewayByDevice.keySet().toArray()));
            statement.setArray(2, connection.createArrayOf("text", gatewayByDevice.values().toArray()));
            statement.executeUpdate();
        }
    }

    private static int insertReadings(Connection connection, String sql, List<Row> rows) throws SQLException {
        int n = rows.size();
        if (n == 0) {
            return 0;
        }
        Object[] gateways = new Object[n];
        Object[] seqs = new Object[n];
        Object[] devices = new Object[n];
        Object[] sensors = new Object[n];
        Object[] values = new Object[n];
        Object[] units = new Object[n];
        Object[] times = new Object[n];
        Object[] replays = new Object[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            Reading reading = row.reading();
            gateways[i] = row.gateway();
            seqs[i] = reading.seq();
            devices[i] = reading.device();
            sensors[i] = reading.sensor().id();
            values[i] = reading.value();
            units[i] = reading.unit();
            // ISO-8601 with Z: PostgreSQL parses it exactly, whatever the session time zone.
            times[i] = reading.time().toString();
            replays[i] = ReplaySeq.isReplayed(reading.seq()) ? ReplaySeq.replay(reading.seq()) : null;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, new String[] {"text", "int8", "text", "text", "float8", "text", "text", "int8"},
                    gateways, seqs, devices, sensors, values, units, times, replays);
            return statement.executeUpdate();
        }
    }

    private static void upsertLatest(Connection connection, List<Row> rows) throws SQLException {
        Map<String, Row> newest = new TreeMap<>();
        for (Row row : rows) {
            newest.merge(row.reading().device() + '\u0000' + row.reading().sensor().id(), row,
                    (a, b) -> b.reading().time().isAfter(a.reading().time()) ? b : a);
        }
        int n = newest.size();
        if (n == 0) {
            return;
        }
        Object[] devices = new Object[n];
        Object[] sensors = new Object[n];
        Object[] gateways = new Object[n];
        Object[] values = new Object[n];
        Object[] units = new Object[n];
        Object[] times = new Object[n];
        Object[] seqs = new Object[n];
        int i = 0;
        for (Row row : newest.values()) {
            Reading reading = row.reading();
            devices[i] = reading.device();
            sensors[i] = reading.sensor().id();
            gateways[i] = row.gateway();
            values[i] = reading.value();
            units[i] = reading.unit();
            times[i] = reading.time().toString();
            seqs[i] = reading.seq();
            i++;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_LATEST)) {
            bind(connection, statement, new String[] {"text", "text", "text", "float8", "text", "text", "int8"},
                    devices, sensors, gateways, values, units, times, seqs);
            statement.executeUpdate();
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, String[] types, Object[]... columns)
            throws SQLException {
        for (int c = 0; c < columns.length; c++) {
            Array array = connection.createArrayOf(types[c], columns[c]);
            statement.setArray(c + 1, array);
        }
    }

    private record Row(String gateway, Reading reading) {

        boolean isolated() {
            return ReplaySeq.isReplayed(reading.seq()) && ReplaySeq.isolated(reading.seq());
        }
    }
}
