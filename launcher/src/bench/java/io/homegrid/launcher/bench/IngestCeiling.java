package io.homegrid.launcher.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's own ceiling for what the backend stores: the same readings written straight into
 * the same {@code reading} table (same keys and indexes) by the fastest plain paths — JDBC
 * batched INSERT (rewritten to multi-row statements) and COPY — one transaction per chunk.
 */
final class IngestCeiling {

    private static final int CHUNK = 1_000;

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

    /** Rows per second of batched INSERTs of {@code readings} rows under gateway {@code gateway}. */
    double batchedInsert(String gateway, int readings) throws Exception {
        try (Connection connection = connect(true);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO reading "
                        + "(gateway_id, seq, device_id, sensor, value, unit, measured_at) VALUES (?, ?, ?, ?, ?, 'W', ?)")) {
            connection.setAutoCommit(false);
            Timestamp time = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
            long start = System.nanoTime();
            for (int i = 0; i < readings; i++) {
                insert.setString(1, gateway);
                insert.setLong(2, i);
                insert.setString(3, gateway + "-plug-" + (i % 15));
                insert.setString(4, "power");
                insert.setDouble(5, 20 + i % 2000);
                insert.setTimestamp(6, time);
                insert.addBatch();
                if ((i + 1) % CHUNK == 0 || i == readings - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            return readings / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Rows per second of COPY FROM STDIN of {@code readings} rows under gateway {@code gateway}. */
    double copy(String gateway, int readings) throws Exception {
        try (Connection connection = connect(false)) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            long start = System.nanoTime();
            for (int from = 0; from < readings; from += CHUNK * 10) {
                StringBuilder rows = new StringBuilder(CHUNK * 10 * 80);
                for (int i = from; i < Math.min(readings, from + CHUNK * 10); i++) {
                    rows.append(gateway).append('\t').append(i).append('\t').append(gateway).append("-plug-").append(i % 15)
                            .append("\tpower\t").append(String.format(Locale.ROOT, "%d", 20 + i % 2000)).append("\tW\t")
                            .append(time).append('\n');
                }
                copy.copyIn("COPY reading (gateway_id, seq, device_id, sensor, value, unit, measured_at) FROM STDIN",
                        new StringReader(rows.toString()));
                connection.commit();
            }
            return readings / ((System.nanoTime() - start) / 1e9);
        }
    }
}
