package io.homegrid.sql.internal;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.homegrid.sql.DatabaseSchema;
import io.homegrid.sql.SchemaMigrator;

/**
 * Migrates the database as soon as its data source appears, then offers {@link DatabaseSchema}.
 * The data source is chosen with the configuration property {@code dataSource.target}.
 */
@Component(configurationPid = "io.homegrid.database")
public final class SchemaComponent implements DatabaseSchema {

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    private String version;

    @Activate
    void activate() {
        version = SchemaMigrator.migrate(dataSource);
    }

    @Override
    public String version() {
        return version;
    }
}
