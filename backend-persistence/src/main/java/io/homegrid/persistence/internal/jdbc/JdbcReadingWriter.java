package io.homegrid.persistence.internal.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.ReplaySeq;

/**
 * The lean ingest path: any number of reading batches in one transaction and a handful of
 * statements, each carrying its rows as arrays ({@code unnest}), so the cost per reading is
 * PostgreSQL's own insert cost rather than a round trip or an ORM object.
 *
 * <p>A reading is stored as a narrow row of {@code reading_row} (series key, time, value, seq)
 * in its day's partition, once per (gateway, seq) as {@link SeenBlocks} decides, and added to
 * the rollups in the same transaction. Keys and partitions are made before the transaction.
 *
 * <p>Rows are sent sorted by key: two writers touching the same gateway, device or sensor then
 * take their row locks in the same order and cannot deadlock each other.
 */
public final class JdbcReadingWriter {

    private static final String INSERT_UNKNOWN_DEVICES = """
            INSERT INTO device (device_id, gateway_id, first_seen, updated)
            SELECT d, g, now(), now() FROM unnest(?::text[], ?::text[]) AS u(d, g)
            ON CONFLICT (device_id) DO NOTHING""";

    private static final String INSERT_READINGS = """
            INSERT INTO reading_row (series_id, measured_at, value, seq, replay_id)
            SELECT * FROM unnest(?::int[], ?::timestamptz[], ?::float8[], ?::bigint[], ?::bigint[])""";

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
    private final ReadingPartitions partitions;
    private final SeriesKeys keys;
    private final GatewaysSeen gatewaysSeen;
    private final Set<String> knownDevices = ConcurrentHashMap.newKeySet();

    public JdbcReadingWriter(DataSource dataSource, ReadingPartitions partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.keys = new SeriesKeys(dataSource);
        this.gatewaysSeen = new GatewaysSeen(dataSource);
    }

    public WriteResult write(List<ReadingBatch> batches) throws SQLException {
        List<Row> rows = rows(batches);
        if (rows.isEmpty()) {
            return new WriteResult(0, 0);
        }
        TreeSet<String> gateways = new TreeSet<>();
        batches.forEach(batch -> gateways.add(batch.gateway()));
        List<Keyed> history = prepare(rows.stream().filter(row -> !row.isolated()).toList(), gateways);
        List<Row> isolated = rows.stream().filter(Row::isolated).toList();
        int inserted;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertUnknownDevices(connection, rows);
                List<Keyed> fresh = SeenBlocks.claim(connection, history);
                inserted = insertReadings(connection, fresh) + insertIsolated(connection, isolated);
                Rollups.add(connection, fresh);
                // An isolated replay's readings are not the household's latest values.
                upsertLatest(connection, fresh);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
        rows.forEach(row -> knownDevices.add(row.reading().device()));
        gatewaysSeen.touch(gateways);
        return new WriteResult(inserted, rows.size() - inserted);
    }

    /** Keys and partitions, each made in a transaction of its own before the readings' one. */
    private List<Keyed> prepare(List<Row> history, Set<String> gateways) throws SQLException {
        keys.resolveGateways(gateways);
        Set<SeriesKeys.SeriesName> names = new HashSet<>();
        Set<LocalDate> days = new HashSet<>();
        for (Row row : history) {
            names.add(new SeriesKeys.SeriesName(keys.gateway(row.gateway()), row.reading().device(), row.reading().sensor()));
            if (partitions.keepsRaw(row.reading().time())) {
                days.add(ReadingPartitions.day(row.reading().time()));
            }
        }
        keys.resolveSeries(names);
        partitions.ensure(days);
        List<Keyed> keyed = new ArrayList<>(history.size());
        for (Row row : history) {
            int gateway = keys.gateway(row.gateway());
            keyed.add(new Keyed(row.gateway(), gateway, keys.series(gateway, row.reading().device(), row.reading().sensor()),
                    row.reading()));
        }
        return keyed;
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

    private void insertUnknownDevices(Connection connection, List<Row> rows) throws SQLException {
        TreeMap<String, String> gatewayByDevice = new TreeMap<>();
        rows.stream().filter(row -> !knownDevices.contains(row.reading().device()))
                .forEach(row -> gatewayByDevice.putIfAbsent(row.reading().device(), row.gateway()));
        if (gatewayByDevice.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_UNKNOWN_DEVICES)) {
            statement.setArray(1, connection.createArrayOf("text", gatewayByDevice.keySet().toArray()));
            statement.setArray(2, connection.createArrayOf("text", gatewayByDevice.values().toArray()));
            statement.executeUpdate();
        }
    }

    /**
     * Stores the fresh readings that are still kept raw. Answers how many readings were stored:
     * all of them, since those past the raw retention are stored in the rollups only.
     */
    private int insertReadings(Connection connection, List<Keyed> fresh) throws SQLException {
        List<Keyed> kept = fresh.stream().filter(row -> partitions.keepsRaw(row.time())).toList();
        int n = kept.size();
        if (n == 0) {
            return fresh.size();
        }
        Object[] series = new Object[n];
        Object[] times = new Object[n];
        Object[] values = new Object[n];
        Object[] seqs = new Object[n];
        Object[] replays = new Object[n];
        for (int i = 0; i < n; i++) {
            Keyed row = kept.get(i);
            series[i] = row.seriesId();
            // ISO-8601 with Z: PostgreSQL parses it exactly, whatever the session time zone.
            times[i] = row.reading().time().toString();
            values[i] = row.reading().value();
            seqs[i] = row.seq();
            replays[i] = ReplaySeq.isReplayed(row.seq()) ? ReplaySeq.replay(row.seq()) : null;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_READINGS)) {
            bind(connection, statement, new String[] {"int4", "text", "float8", "int8", "int8"}, series, times, values,
                    seqs, replays);
            statement.executeUpdate();
        }
        return fresh.size();
    }

    private static int insertIsolated(Connection connection, List<Row> rows) throws SQLException {
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
            times[i] = reading.time().toString();
            replays[i] = ReplaySeq.replay(reading.seq());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ISOLATED)) {
            bind(connection, statement, new String[] {"text", "int8", "text", "text", "float8", "text", "text", "int8"},
                    gateways, seqs, devices, sensors, values, units, times, replays);
            return statement.executeUpdate();
        }
    }

    private static void upsertLatest(Connection connection, List<Keyed> rows) throws SQLException {
        Map<String, Keyed> newest = new TreeMap<>();
        for (Keyed row : rows) {
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
        for (Keyed row : newest.values()) {
            Reading reading = row.reading();
            devices[i] = reading.device();
            sensors[i] = reading.sensor().id();
            gateways[i] = row.gateway();
            values[i] = reading.value();
            units[i] = reading.sensor().canonicalUnit();
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

    /** A reading of the history with its keys. */
    private record Keyed(String gateway, int gatewayKey, int seriesId, Reading reading)
            implements SeenBlocks.Keyed, Rollups.Sample {

        @Override
        public long seq() {
            return reading.seq();
        }

        @Override
        public Instant time() {
            return reading.time();
        }

        @Override
        public double value() {
            return reading.value();
        }
    }
}
