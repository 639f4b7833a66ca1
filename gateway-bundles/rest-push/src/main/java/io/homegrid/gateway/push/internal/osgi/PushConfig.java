package io.homegrid.gateway.push.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "homegrid push", description = "Where and how the gateway delivers its readings.")
@interface PushConfig {

    @AttributeDefinition(name = "Backend", description = "Base URL of the backend.")
    String backend() default "http://localhost:8080";

    @AttributeDefinition(name = "Gateway id", description = "This gateway's identifier at the backend.")
    String gateway() default "gw-1";

    @AttributeDefinition(name = "Batch size", description = "Readings per push (at most 1000).")
    int batchSize() default 500;

    @AttributeDefinition(name = "Backlog rate", description = "Readings per second sent from a backlog, besides live data.")
    int backlogRate() default 2_000;

    @AttributeDefinition(name = "Interval (ms)", description = "Pause between pushes once the cache is drained.")
    int intervalMillis() default 1_000;

    @AttributeDefinition(name = "Command wait (s)", description = "How long each command long poll waits.")
    int commandWaitSeconds() default 20;
}
