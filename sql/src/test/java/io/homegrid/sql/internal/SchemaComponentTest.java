package io.homegrid.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestPostgres;

/** The schema bundle's DS component without a container: it migrates the data source it is given, as the launcher does. */
class SchemaComponentTest {

    private final DataSource database = TestPostgres.freshDatabase();

    @Test
    void activationMigratesTheDataSourceAndTellsTheVersion() throws Exception {
        SchemaComponent component = new SchemaComponent();
        component.dataSource = database;

        component.activate();

        assertThat(component.version()).isEqualTo(SchemaMigrator.migrate(database));
        try (Connection connection = database.getConnection();
                ResultSet table = connection.getMetaData().getTables(null, null, "reading", null)) {
            assertThat(table.next()).as("the reading table exists").isTrue();
        }
    }
}
