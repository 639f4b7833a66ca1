package io.homegrid.gateway.cache.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.gateway.cache.CacheSettings;

@ObjectClassDefinition(name = "homegrid reading cache", description = "Where unsent readings wait, and for how long.")
@interface CacheConfig {

    @AttributeDefinition(name = "File", description = "SQLite file; relative to the gateway's working directory.")
    String file() default CacheSettings.DEFAULT_FILE;

    @AttributeDefinition(name = "Retention (days)", description = "Unsent readings older than this are dropped.")
    int maxAgeDays() default CacheSettings.DEFAULT_MAX_AGE_DAYS;

    @AttributeDefinition(name = "Size cap (MB)", description = "Above this, the oldest unsent readings are dropped.")
    int maxMegabytes() default CacheSettings.DEFAULT_MAX_MEGABYTES;
}
