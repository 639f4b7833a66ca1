package io.homegrid.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.testing.TestPostgres;

class SchemaMigratorTest {

    private final DataSource database = TestPostgres.freshDatabase();

    @Test
    void createsTheSchemaOnAnEmptyDatabase() throws Exception {
        String version = SchemaMigrator.migrate(database);

        assertThat(version).isEqualTo("11");
        assertThat(tables()).contains("gateway", "device", "device_sensor", "reading", "sensor_latest", "invalid_reading", "cep_output", "cep_statement",
                "household", "app_user", "gateway_registration", "application", "access_grant", "audit_entry", "token_key",
                "replay", "replay_reading", "series", "reading_row", "reading_seen", "reading_minute", "reading_hour",
                "reading_day",
                SchemaMigrator.HISTORY_TABLE, "virtual_device", "webhook", "webhook_item", "webhook_household",
                "community", "community_member", "community_operator", "community_residual");
        assertThat(count("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)).isEqualTo(11);
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        SchemaMigrator.migrate(database);
        List<String> before = tables();

        String version = SchemaMigrator.migrate(database);

        assertThat(version).isEqualTo("11");
        assertThat(tables()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)).isEqualTo(11);
    }

    @Test
    void twoBackendsStartingTogetherApplyEachMigrationOnce() throws Exception {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> SchemaMigrator.migrate(database));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> SchemaMigrator.migrate(database));

        assertThat(first.get()).isEqualTo("11");
        assertThat(second.get()).isEqualTo("11");
        assertThat(count("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)).isEqualTo(11);
    }

    @Test
    void refusesToRunOnADatabaseWhoseAppliedMigrationDiffersFromThePackagedOne() throws Exception {
        SchemaMigrator.migrate(database);
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + SchemaMigrator.HISTORY_TABLE + " SET checksum = 'edited' WHERE version = 1");
        }

        assertThatThrownBy(() -> SchemaMigrator.migrate(database)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("V1__readings_devices_gateways.sql was changed after it was applied");
    }

    /** Issue 11: gateways that pushed before households existed are kept, in the default household, with no secret. */
    @Test
    void gatewaysFromBeforeHouseholdsGoToTheDefaultHouseholdWithoutASecret() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(SchemaMigrator.read("V1__readings_devices_gateways.sql"));
            s.execute(SchemaMigrator.read("V2__cep_outputs_and_statements.sql"));
            s.executeUpdate("INSERT INTO gateway VALUES ('gw-old', now(), now())");
            s.execute(SchemaMigrator.read("V3__households_and_access.sql"));
        }

        assertThat(count("SELECT count(*) FROM gateway_registration WHERE gateway_id = 'gw-old'"
                + " AND household_id = 'default' AND secret_sha256 IS NULL")).isEqualTo(1);
    }

    /** Issue 11: statements added before households could own them stay the operators', run on every household. */
    @Test
    void statementsFromBeforeHouseholdStatementsRunEverywhere() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String migration : new String[] {"V1__readings_devices_gateways.sql", "V2__cep_outputs_and_statements.sql",
                "V3__households_and_access.sql"}) {
                s.execute(SchemaMigrator.read(migration));
            }
            s.executeUpdate("INSERT INTO cep_statement (name, epl) VALUES ('kettle', 'select device from PowerReading')");
            s.execute(SchemaMigrator.read("V4__household_statements.sql"));
        }

        assertThat(count("SELECT count(*) FROM cep_statement WHERE name = 'kettle' AND household_id IS NULL")).isEqualTo(1);
    }

    /**
     * Issue 13: v6 moves v1's readings into narrow day partitions, marks their (gateway, seq) as
     * seen, rolls them up, and shows them through the {@code reading} view as before.
     */
    @Test
    void readingsFromBeforeV6AreMovedRolledUpAndMarkedSeen() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (int v = 1; v <= 5; v++) {
                s.execute(SchemaMigrator.read(Migrations.packaged().get(v - 1).file()));
            }
            s.executeUpdate("INSERT INTO reading (gateway_id, seq, device_id, sensor, value, unit, measured_at, replay_id)"
                    + " VALUES ('gw-a', 1, 'd1', 'power', 10, 'W', '2026-11-30T23:59:30Z', NULL),"
                    + " ('gw-a', 2, 'd1', 'power', 30, 'W', '2026-11-30T23:59:50Z', NULL),"
                    + " ('gw-a', 4097, 'd1', 'power', 50, 'W', '2026-12-01T00:00:10Z', NULL),"
                    + " ('gw-a', -4611686018427387905, 'd1', 'power', 7, 'W', '2026-12-01T00:00:20Z', 3),"
                    + " ('gw-b', 1, 'd2', 'temperature', 21.5, '°C', '2026-12-01T00:00:10Z', NULL)");
            s.execute(SchemaMigrator.read("V6__narrow_partitioned_readings.sql"));
        }

        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM reading WHERE gateway_id = 'gw-b' AND unit = '°C' AND value = 21.5")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'reading_row'::regclass")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM reading_p20261130")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM reading_seen")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM reading_seen s JOIN gateway g USING (gateway_key)"
                + " WHERE g.gateway_id = 'gw-a' AND s.block = 0 AND get_bit(s.seen, 1) = 1 AND get_bit(s.seen, 2) = 1"
                + " AND get_bit(s.seen, 3) = 0")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reading_seen WHERE block = -1125899906842625 AND get_bit(seen, 4095) = 1"))
                .isEqualTo(1);
        assertThat(count("SELECT n FROM reading_minute m JOIN series s USING (series_id)"
                + " WHERE s.device_id = 'd1' AND m.bucket = '2026-11-30T23:59:00Z' AND m.sum = 40 AND m.max = 30")).isEqualTo(2);
        assertThat(count("SELECT sum(n) FROM reading_day d JOIN series s USING (series_id) WHERE s.device_id = 'd1'"
                + " AND d.bucket = '2026-12-01T00:00:00Z'")).isEqualTo(2);
    }

    /** Issue 14: v7 counts the measured minutes of every coarser rollup and adds the quarter-hour level. */
    @Test
    void rollupsFromBeforeV7LearnHowManyOfTheirMinutesWereMeasured() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (int v = 1; v <= 5; v++) {
                s.execute(SchemaMigrator.read(Migrations.packaged().get(v - 1).file()));
            }
            s.executeUpdate("INSERT INTO reading (gateway_id, seq, device_id, sensor, value, unit, measured_at, replay_id)"
                    + " VALUES ('gw-a', 1, 'd1', 'power', 10, 'W', '2026-11-30T10:00:10Z', NULL),"
                    + " ('gw-a', 2, 'd1', 'power', 30, 'W', '2026-11-30T10:00:50Z', NULL),"
                    + " ('gw-a', 3, 'd1', 'power', 50, 'W', '2026-11-30T10:07:00Z', NULL),"
                    + " ('gw-a', 4, 'd1', 'power', 70, 'W', '2026-11-30T10:31:00Z', NULL)");
            s.execute(SchemaMigrator.read("V6__narrow_partitioned_readings.sql"));
            s.execute(SchemaMigrator.read("V7__rollup_coverage.sql"));
        }

        assertThat(count("SELECT minutes FROM reading_hour WHERE bucket = '2026-11-30T10:00:00Z'")).isEqualTo(3);
        assertThat(count("SELECT minutes FROM reading_day WHERE bucket = '2026-11-30T00:00:00Z'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM reading_quarter")).isEqualTo(2);
        assertThat(count("SELECT minutes * 1000 + n FROM reading_quarter WHERE bucket = '2026-11-30T10:00:00Z' AND sum = 90"))
                .isEqualTo(2003);
    }

    private List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE", "PARTITIONED TABLE", "VIEW"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
