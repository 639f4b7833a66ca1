package io.homegrid.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.testing.TestPostgres;

class SchemaMigratorTest {

    private final DataSource database = TestPostgres.freshDatabase();

    @Test
    void createsTheSchemaOnAnEmptyDatabase() throws Exception {
        String version = SchemaMigrator.migrate(database);

        assertThat(version).isEqualTo("1");
        assertThat(tables()).contains("gateway", "device", "device_sensor", "reading", "sensor_latest", "invalid_reading");
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        SchemaMigrator.migrate(database);
        List<String> before = tables();

        String version = SchemaMigrator.migrate(database);

        assertThat(version).isEqualTo("1");
        assertThat(tables()).isEqualTo(before);
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
}
