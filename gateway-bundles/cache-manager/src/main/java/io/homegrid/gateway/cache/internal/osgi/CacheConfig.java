package io.homegrid.gateway.cache.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "homegrid reading cache", description = "Where unsent readings wait, and for how long.")
@interface CacheConfig {

    @AttributeDefinition(name = "File", description = "SQLite file; relative to the gateway's working directory.")
    String file() default "data/cache.db";

    @AttributeDefinition(name = "Retention (days)", description = "Unsent readings older than this are dropped.")
    int maxAgeDays() default 7;

    @AttributeDefinition(name = "Size cap (MB)", description = "Above this, the oldest unsent readings are dropped.")
    int maxMegabytes() default 500;
}
