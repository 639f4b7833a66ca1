package io.homegrid.sql;

/**
 * Present as an OSGi service once the database schema is up to date; services that use the
 * database reference it so that they start only on a migrated schema.
 */
public interface DatabaseSchema {

    /** Name of the data source this backend uses, as pax-jdbc registers it ({@code dataSourceName}). */
    String DATA_SOURCE = "(dataSourceName=homegrid)";

    String version();
}
