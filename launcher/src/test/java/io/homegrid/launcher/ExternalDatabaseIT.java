package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.testing.TestPostgres;

/** {@code --jdbc-url}: an existing PostgreSQL gets the schema on start and receives the readings. */
class ExternalDatabaseIT {

    @TempDir
    Path dataDir;

    @Test
    void migratesAndFillsAnExternalDatabase() throws Exception {
        DataSource external = TestPostgres.freshDatabase();
        int port = FreePorts.next();
        BackendConfig config = BackendConfig.defaults(port, dataDir).withJdbc(TestPostgres.jdbcUrl(external), "postgres", null);

        try (EmbeddedBackend backend = EmbeddedBackend.start(config)) {
            Http http = Http.to(backend, port);
            assertThat(http.post("/api/v1/gateways/gw-ext/readings", batch("gw-ext", power("plug", 42, 1, 3))).status())
                    .isEqualTo(202);

            await().untilAsserted(() -> assertThat(count(external)).isEqualTo(1));
            assertThat(dataDir.resolve("postgres")).as("no embedded database started").doesNotExist();
        }
    }

    private static long count(DataSource database) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM reading WHERE gateway_id = 'gw-ext'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
