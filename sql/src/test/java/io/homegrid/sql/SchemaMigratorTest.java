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

        assertThat(version).isEqualTo("5");
        assertThat(tables()).contains("gateway", "device", "device_sensor", "reading", "sensor_latest", "invalid_reading", "cep_output", "cep_statement",
                "household", "app_user", "gateway_registration", "application", "access_grant", "audit_entry", "token_key",
                "replay", "replay_reading",
                SchemaMigrator.HISTORY_TABLE);
        assertThat(count("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)).isEqualTo(5);
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        SchemaMigrator.migrate(database);
        List<String> before = tables();

        String version = SchemaMigrator.migrate(database);

        assertThat(version).isEqualTo("5");
        assertThat(tables()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)).isEqualTo(5);
    }

    @Test
    void twoBackendsStartingTogetherApplyEachMigrationOnce() throws Exception {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> SchemaMigrator.migrate(database));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> SchemaMigrator.migrate(database));

        assertThat(first.get()).isEqualTo("5");
        assertThat(second.get()).isEqualTo("5");
        assertThat(count("SELECT count(*) FROM " + SchemaMigrator.HISTORY_TABLE)).isEqualTo(5);
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

    private List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
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
