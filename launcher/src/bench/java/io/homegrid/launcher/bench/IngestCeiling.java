package io.homegrid.launcher.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's own ceilings for what the backend stores, on the backend's database, right after
 * its pushes:
 * <ul>
 * <li>the reference: COPY into a temporary table, then {@code INSERT … SELECT … ON CONFLICT
 * (gateway_id, seq) DO NOTHING} into a table of v1's layout (text keys, primary key on
 * (gateway, seq), the device/sensor/time index), 10,000 rows per transaction, over two connections;</li>
 * <li>COPY straight into the product's {@code reading_row} (v6, no idempotency at all), two connections;</li>
 * <li>JDBC batched INSERT into {@code reading_row}, one connection.</li>
 * </ul>
 * Every commit is durable, as the product's are.
 */
final class IngestCeiling {

    private static final int CHUNK = 10_000;
    /** Series ids no real series has: the rows are invisible to the API and the reading view. */
    private static final int SERIES_BASE = 1_000_000_000;

    private final String jdbcUrl;
    private final String password;

    /** @param password the embedded database's, from {@code <data-dir>/postgres.password} */
    IngestCeiling(String jdbcUrl, String password) {
        this.jdbcUrl = jdbcUrl;
        this.password = password;
    }

    private Connection connect(boolean rewriteBatches) throws java.sql.SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "postgres");
        login.setProperty("password", password);
        login.setProperty("reWriteBatchedInserts", Boolean.toString(rewriteBatches));
        return DriverManager.getConnection(jdbcUrl, login);
    }

    /** Rows per second of the idempotent COPY path into v1's layout, {@code connections} loaders at once. */
    double idempotentCopyV1(String gateway, int readings, int connections) throws Exception {
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ceiling_v1 (gateway_id text NOT NULL, seq bigint NOT NULL,"
                    + " device_id text NOT NULL, sensor text NOT NULL, value double precision NOT NULL, unit text NOT NULL,"
                    + " measured_at timestamptz NOT NULL, PRIMARY KEY (gateway_id, seq))");
            s.execute("CREATE INDEX IF NOT EXISTS ceiling_v1_device_sensor_time ON ceiling_v1 (device_id, sensor, measured_at)");
        }
        return parallel(readings, connections, (from, to) -> {
            try (Connection connection = connect(false); Statement s = connection.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE staging (gateway_id text, seq bigint, device_id text, sensor text,"
                        + " value double precision, unit text, measured_at timestamptz)");
                connection.setAutoCommit(false);
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                for (int chunk = from; chunk < to; chunk += CHUNK) {
                    StringBuilder rows = new StringBuilder(CHUNK * 80);
                    for (int i = chunk; i < Math.min(to, chunk + CHUNK); i++) {
                        rows.append(gateway).append('\t').append(i).append('\t').append(gateway).append("-plug-").append(i % 15)
                                .append("\tpower\t").append(20 + i % 2000).append("\tW\t").append(time).append('\n');
                    }
                    copy.copyIn("COPY staging FROM STDIN", new StringReader(rows.toString()));
                    s.executeUpdate("INSERT INTO ceiling_v1 SELECT * FROM staging ORDER BY gateway_id, seq"
                            + " ON CONFLICT (gateway_id, seq) DO NOTHING");
                    s.execute("TRUNCATE staging");
                    connection.commit();
                }
            }
        });
    }

    /** Rows per second of COPY FROM STDIN into the product's reading_row, {@code connections} loaders at once. */
    double copyNarrow(int readings, int connections) throws Exception {
        return parallel(readings, connections, (from, to) -> {
            try (Connection connection = connect(false)) {
                connection.setAutoCommit(false);
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                for (int chunk = from; chunk < to; chunk += CHUNK) {
                    StringBuilder rows = new StringBuilder(CHUNK * 48);
                    for (int i = chunk; i < Math.min(to, chunk + CHUNK); i++) {
                        rows.append(SERIES_BASE + i % 15).append('\t').append(time).append('\t').append(20 + i % 2000)
                                .append('\t').append(i).append("\t\\N\n");
                    }
                    copy.copyIn("COPY reading_row (series_id, measured_at, value, seq, replay_id) FROM STDIN",
                            new StringReader(rows.toString()));
                    connection.commit();
                }
            }
        });
    }

    /** Rows per second of batched INSERTs into reading_row, 1,000 rows per transaction, one connection. */
    double batchedInsertNarrow(int readings) throws Exception {
        try (Connection connection = connect(true);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO reading_row (series_id, measured_at, value, seq) VALUES (?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            Timestamp time = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
            long start = System.nanoTime();
            for (int i = 0; i < readings; i++) {
                insert.setInt(1, SERIES_BASE + 100 + i % 15);
                insert.setTimestamp(2, time);
                insert.setDouble(3, 20 + i % 2000);
                insert.setLong(4, i);
                insert.addBatch();
                if ((i + 1) % 1_000 == 0 || i == readings - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            return readings / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Whether the database has v6's reading_row (a backend from before issue 13 has not). */
    boolean hasNarrowTable() throws Exception {
        try (Connection c = connect(false); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('reading_row') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Removes what the ceilings wrote, so that the backend's own counts stay its own. */
    void clean() throws Exception {
        boolean narrow = hasNarrowTable();
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ceiling_v1");
            if (narrow) {
                s.execute("DELETE FROM reading_row WHERE series_id >= " + SERIES_BASE);
            }
        }
    }

    private interface Slice {
        void load(int from, int to) throws Exception;
    }

    private static double parallel(int readings, int connections, Slice slice) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Callable<Void>> loaders = new ArrayList<>();
            int per = readings / connections;
            for (int c = 0; c < connections; c++) {
                int from = c * per;
                int to = c == connections - 1 ? readings : from + per;
                // Disjoint seqs per loader: the same rows as two gateways' worth.
                loaders.add(() -> {
                    slice.load(from, to);
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(loaders)) {
                done.get();
            }
            return readings / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
