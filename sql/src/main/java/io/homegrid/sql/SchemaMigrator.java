package io.homegrid.sql;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL database to the newest schema version with Flyway, from the migrations
 * packaged in this bundle. Safe to call from several backend instances at once: Flyway holds
 * an advisory lock while it migrates.
 */
public final class SchemaMigrator {

    /** Where the migrations sit inside this bundle (from {@code sql/migrations}). */
    public static final String LOCATION = "classpath:io/homegrid/sql/migration";
    /** Flyway's history table. */
    public static final String HISTORY_TABLE = "homegrid_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {
    }

    /** Applies every pending migration and answers the schema version now in place. */
    public static String migrate(DataSource dataSource) {
        // This bundle's class loader, not the thread's: in OSGi only this bundle sees the migrations.
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(false)
                .load();
        MigrateResult result = flyway.migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current().getVersion().getVersion();
        LOG.info("Database schema at version {} ({} migration(s) applied now)", version, result.migrationsExecuted);
        return version;
    }
}
