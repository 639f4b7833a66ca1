package io.homegrid.persistence.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.persistence.PersistenceSettings;

@ObjectClassDefinition(name = "homegrid persistence",
        description = "The Sensor Data Repository and the Persistence Connector that fills it from the bus.")
@interface PersistenceConfig {

    @AttributeDefinition(name = "Consumers", description = "Threads (and database connections) storing parsed readings.")
    int consumers() default PersistenceSettings.DEFAULT_CONSUMERS;

    @AttributeDefinition(name = "Readings per commit",
            description = "Readings gathered from waiting messages into one database transaction.")
    int maxReadingsPerCommit() default PersistenceSettings.DEFAULT_MAX_READINGS_PER_COMMIT;

    @AttributeDefinition(name = "Paused",
            description = "Do not consume: readings wait in the broker (maintenance of the database).")
    boolean paused() default false;

    @AttributeDefinition(name = "Raw retention (days)",
            description = "Days raw readings are kept; older day partitions are dropped whole. 0 keeps them for ever."
                    + " The minute, hour and day rollups are always kept.")
    int rawRetentionDays() default PersistenceSettings.DEFAULT_RAW_RETENTION_DAYS;
}
