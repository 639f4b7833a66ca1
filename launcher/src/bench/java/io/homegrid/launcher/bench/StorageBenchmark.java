package io.homegrid.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.postgresql.ds.PGSimpleDataSource;

import io.homegrid.launcher.internal.EmbeddedDatabase;
import io.homegrid.sql.SchemaMigrator;

/**
 * Bytes per stored reading and the plans of the reading queries (issue 13), on an embedded
 * PostgreSQL: the paper's household shape (15 plugs, a power reading every 2 s) for
 * {@code bench.days} days, stored through the product's writer into the v6 layout, and the same
 * rows in a table of v1's layout for comparison, in one run.
 *
 * <p>{@code mvn -B -pl launcher -Pbench -DskipTests verify -Dbench.main=io.homegrid.launcher.bench.StorageBenchmark}
 */
public final class StorageBenchmark {

    private static final int PLUGS = PlugHousehold.PLUGS;
    private static final int EVERY_SECONDS = PlugHousehold.EVERY_SECONDS;

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.getInteger("bench.days", 2);
        Path dir = Files.createTempDirectory("homegrid-storage-bench");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir)) {
            PGSimpleDataSource dataSource = PlugHousehold.dataSource(database);
            SchemaMigrator.migrate(dataSource);
            Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days - 1L));
            long readings = (long) days * 86_400 / EVERY_SECONDS * PLUGS;

            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            long stored = PlugHousehold.load(dataSource, "gw-bench", start, readings);
            double seconds = (System.nanoTime() - wallBefore) / 1e9;
            double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / stored;
            try (Connection c = connect(database); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
                copyIntoV1Layout(s);
                s.execute("ANALYZE reading_v1");
                report(s, days, stored, seconds, cpuMicros);
                plans(s, start);
            }
        }
    }

    private static void copyIntoV1Layout(Statement s) throws SQLException {
        // v1's reading table, as V1__readings_devices_gateways.sql made it, holding the same rows.
        s.execute("CREATE TABLE reading_v1 (gateway_id text NOT NULL, seq bigint NOT NULL, device_id text NOT NULL,"
                + " sensor text NOT NULL, value double precision NOT NULL, unit text NOT NULL, measured_at timestamptz NOT NULL,"
                + " replay_id bigint, PRIMARY KEY (gateway_id, seq))");
        s.execute("CREATE INDEX reading_v1_device_sensor_time ON reading_v1 (device_id, sensor, measured_at)");
        s.execute("CREATE INDEX reading_v1_time_brin ON reading_v1 USING brin (measured_at)");
        // Row by row in arrival order, as the ingest path filled it, so its indexes have the same shape.
        s.execute("INSERT INTO reading_v1 SELECT gateway_id, seq, device_id, sensor, value, unit, measured_at, replay_id"
                + " FROM reading ORDER BY seq");
    }

    private static void report(Statement s, int days, long stored, double seconds, double cpuMicros) throws SQLException {
        long rows = one(s, "SELECT count(*) FROM reading_row");
        long heap = one(s, "SELECT sum(pg_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'reading_row'::regclass");
        long total = one(s, "SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'reading_row'::regclass");
        long seen = one(s, "SELECT pg_total_relation_size('reading_seen')");
        long rollups = one(s, "SELECT pg_total_relation_size('reading_minute') + pg_total_relation_size('reading_hour')"
                + " + pg_total_relation_size('reading_day')");
        long v1Heap = one(s, "SELECT pg_relation_size('reading_v1')");
        long v1Total = one(s, "SELECT pg_total_relation_size('reading_v1')");
        System.out.printf(Locale.ROOT, "%nStorage, %d day(s) of %d plugs every %d s: %,d readings stored through the writer in"
                + " %.1f s (%.0f readings/s, %.1f µs of this JVM's CPU per reading, PostgreSQL's not counted)%n",
                days, PLUGS, EVERY_SECONDS, stored, seconds, stored / seconds, cpuMicros);
        System.out.println("| layout | heap B/reading | indexes B/reading | seen bitmap B/reading | total B/reading |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| v1: text keys and unit, PK (gateway_id, seq), btree (device_id, sensor, measured_at), BRIN | %.1f | %.1f | - | %.1f |%n",
                (double) v1Heap / rows, (double) (v1Total - v1Heap) / rows, (double) v1Total / rows);
        System.out.printf(Locale.ROOT, "| v6: reading_row (series_id int, measured_at, value, seq, replay_id) by day, btree (series_id, measured_at) | %.1f | %.1f | %.2f | %.1f |%n",
                (double) heap / rows, (double) (total - heap) / rows, (double) seen / rows, (double) (total + seen) / rows);
        System.out.printf(Locale.ROOT, "Rollups (minute, hour, day; kept for ever): %.1f B per reading at this cadence%n",
                (double) rollups / rows);
    }

    /** The queries both layouts answer, as SQL, so that plans and timings compare like with like. */
    private static String[][] queries(Instant start) {
        Instant from = start.plus(Duration.ofHours(10));
        Instant to = from.plus(Duration.ofHours(1));
        Instant dayEnd = start.plus(Duration.ofDays(1));
        return new String[][] {
            {"v6: one hour of plug-3's power, raw (the repository's query)", "SELECT s.sensor, r.value, s.unit, r.measured_at, r.seq"
                + " FROM reading_row r JOIN series s ON s.series_id = r.series_id WHERE s.device_id = 'plug-3' AND r.measured_at >= '"
                + from + "' AND r.measured_at < '" + to + "' AND s.sensor = 'power' ORDER BY r.measured_at, r.seq LIMIT 10000"},
            {"v1: the same hour", "SELECT sensor, value, unit, measured_at, seq FROM reading_v1 WHERE device_id = 'plug-3'"
                + " AND measured_at >= '" + from + "' AND measured_at < '" + to + "' AND sensor = 'power'"
                + " ORDER BY measured_at, seq LIMIT 10000"},
            {"v6: a day of plug-3 in 15-minute buckets, from the minute rollup", "SELECT date_bin('15 minutes', u.bucket,"
                + " timestamptz '1970-01-01') b, sum(u.sum) / sum(u.n), min(u.min), max(u.max) FROM reading_minute u JOIN series s"
                + " ON s.series_id = u.series_id WHERE s.device_id = 'plug-3' AND s.sensor = 'power' AND u.bucket >= '" + start
                + "' AND u.bucket < '" + dayEnd + "' GROUP BY b ORDER BY b"},
            {"v1: the same buckets from the raw rows", "SELECT date_bin('15 minutes', measured_at, timestamptz '1970-01-01') b,"
                + " avg(value), min(value), max(value) FROM reading_v1 WHERE device_id = 'plug-3' AND sensor = 'power'"
                + " AND measured_at >= '" + start + "' AND measured_at < '" + dayEnd + "' GROUP BY b ORDER BY b"},
            {"v6: the whole run of plug-3 in hour buckets, from the hour rollup", "SELECT u.bucket, u.sum / u.n, u.min, u.max"
                + " FROM reading_hour u JOIN series s ON s.series_id = u.series_id WHERE s.device_id = 'plug-3'"
                + " AND s.sensor = 'power' ORDER BY u.bucket"},
            {"v1: the same from the raw rows", "SELECT date_bin('1 hour', measured_at, timestamptz '1970-01-01') b,"
                + " avg(value), min(value), max(value) FROM reading_v1 WHERE device_id = 'plug-3' AND sensor = 'power'"
                + " GROUP BY b ORDER BY b"}};
    }

    private static void plans(Statement s, Instant start) throws SQLException {
        String[][] queries = queries(start);
        double[] medians = new double[queries.length];
        for (int q = 0; q < queries.length; q++) {
            medians[q] = median(s, queries[q][1]);
        }
        System.out.printf(Locale.ROOT, "%n| query, warm, prepared, median of 21 | v6 ms | v1 ms | v1 / v6 |%n|---|---|---|---|%n");
        for (int q = 0; q < queries.length; q += 2) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f |%n", queries[q][0].substring(4), medians[q],
                    medians[q + 1], medians[q + 1] / medians[q]);
        }
        for (String[] query : queries) {
            explain(s, query[0], query[1]);
        }
    }

    /**
     * A prepared statement, as the repository runs its queries: after the warm-up the server has
     * it prepared, so what is timed is execution and the fetch, not planning.
     */
    private static double median(Statement s, String sql) throws SQLException {
        double[] ms = new double[21];
        try (java.sql.PreparedStatement statement = s.getConnection().prepareStatement(sql)) {
            for (int i = -10; i < ms.length; i++) {
                long t = System.nanoTime();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
            }
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static void explain(Statement s, String title, String sql) throws SQLException {
        System.out.printf("%n%s:%n```%n", title);
        try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) " + sql)) {
            while (rs.next()) {
                System.out.println(rs.getString(1));
            }
        }
        System.out.println("```");
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", database.user());
        login.setProperty("password", database.password());
        return DriverManager.getConnection(database.jdbcUrl(), login);
    }
}
