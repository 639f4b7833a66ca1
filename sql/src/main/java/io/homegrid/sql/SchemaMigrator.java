package io.homegrid.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL database to the newest schema version from the migrations packaged in
 * this bundle ({@code sql/migrations}), the same way in every mode.
 *
 * <p>Ours rather than Flyway's: Flyway 10 is not an OSGi bundle, and Flyway 9 finds its database
 * support through a ServiceLoader that cannot see another bundle's migrations. This does the
 * part homegrid needs: ordered, checksummed, each migration in its own transaction, and safe to
 * run from several backend instances at once (a PostgreSQL advisory lock serialises them).
 */
public final class SchemaMigrator {

    /** Table recording applied migrations. */
    public static final String HISTORY_TABLE = "homegrid_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** Arbitrary but fixed: the advisory lock every homegrid migrator takes. */
    private static final long LOCK_KEY = 0x686f6d6567726964L;

    private SchemaMigrator() {
    }

    /** Applies every pending migration and answers the schema version now in place. */
    public static String migrate(DataSource dataSource) {
        List<Migration> migrations = Migrations.packaged();
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                createHistory(connection);
                Map<Integer, String> applied = applied(connection);
                int executed = 0;
                for (Migration migration : migrations) {
                    String checksum = applied.get(migration.version());
                    if (checksum == null) {
                        apply(connection, migration);
                        executed++;
                    } else if (!checksum.equals(migration.checksum())) {
                        throw new SchemaException("migration " + migration.file() + " was changed after it was applied"
                                + " (checksum " + checksum + " in " + HISTORY_TABLE + ", now " + migration.checksum()
                                + "); add a new migration instead of editing an applied one");
                    }
                }
                String version = Integer.toString(migrations.get(migrations.size() - 1).version());
                LOG.info("Database schema at version {} ({} migration(s) applied now)", version, executed);
                return version;
            } finally {
                execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        } catch (SQLException e) {
            throw new SchemaException("cannot migrate the database schema: " + e.getMessage(), e);
        }
    }

    private static void createHistory(Connection connection) throws SQLException {
        execute(connection, "CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " ("
                + "version integer PRIMARY KEY, description text NOT NULL, checksum text NOT NULL,"
                + " installed_on timestamptz NOT NULL DEFAULT now(), execution_ms integer NOT NULL)");
    }

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version, checksum FROM " + HISTORY_TABLE)) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            execute(connection, read(migration.file()));
            try (PreparedStatement history = connection.prepareStatement("INSERT INTO " + HISTORY_TABLE
                    + " (version, description, checksum, execution_ms) VALUES (?, ?, ?, ?)")) {
                history.setInt(1, migration.version());
                history.setString(2, migration.description());
                history.setString(3, migration.checksum());
                history.setInt(4, (int) ((System.nanoTime() - start) / 1_000_000));
                history.executeUpdate();
            }
            connection.commit();
            LOG.info("Applied migration {}", migration.file());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new SchemaException("migration " + migration.file() + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String read(String file) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(Migrations.LOCATION + file)) {
            if (in == null) {
                throw new SchemaException("migration " + file + " is listed in INDEX but not packaged");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
