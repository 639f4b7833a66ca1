package io.homegrid.routes.rest.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.RequestLimits;
import io.homegrid.routes.rest.RestSettings;

/** The batch limit is not here: it is the one shared with the parser, configured by {@code io.homegrid.ingest}. */
@ObjectClassDefinition(name = "homegrid REST API",
        description = "Data Push Interface and Aggregate Sensing Interface, published on CXF's servlet.")
@interface RestConfig {

    @AttributeDefinition(name = "Address", description = "Path under CXF's servlet context (org.apache.cxf.osgi).")
    String address() default RestSettings.DEFAULT_ADDRESS;

    @AttributeDefinition(name = "Largest body", description = "Bytes; larger pushes are answered 413.")
    int maxBodyBytes() default PushSettings.DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(name = "Largest ingest lag (s)", description = "Readings pushes are answered 503 with Retry-After"
            + " while the readings being stored were accepted longer ago than this.")
    int maxIngestLagSeconds() default PushSettings.DEFAULT_MAX_INGEST_LAG_SECONDS;

    @AttributeDefinition(name = "Fullest broker store (%)", description = "Readings pushes are answered 503 with Retry-After"
            + " while the broker's store is fuller than this, so that pushes never fill it.")
    int maxBrokerStorePercent() default PushSettings.DEFAULT_MAX_BROKER_STORE_PERCENT;

    @AttributeDefinition(name = "Live streams per identity", description = "Held open at a time; 429 beyond.")
    int liveStreamsPerIdentity() default RequestLimits.DEFAULT_LIVE_STREAMS_PER_IDENTITY;

    @AttributeDefinition(name = "Command polls per gateway", description = "Held open at a time; 429 beyond.")
    int commandPollsPerGateway() default RequestLimits.DEFAULT_COMMAND_POLLS_PER_GATEWAY;

    @AttributeDefinition(name = "Requests per second", description = "Per gateway and per application, on average; 429 with Retry-After beyond.")
    int requestsPerSecond() default RequestLimits.DEFAULT_REQUESTS_PER_SECOND;

    @AttributeDefinition(name = "Request burst", description = "Requests a gateway or application may make at once.")
    int requestBurst() default RequestLimits.DEFAULT_REQUEST_BURST;

    @AttributeDefinition(name = "Held requests",
            description = "Live streams and command polls held open in all; 429 beyond. Each takes a server thread: "
                    + "give pax-web's Jetty (org.ops4j.pax.web.server.maxThreads) this many and 200 more.")
    int heldRequests() default RequestLimits.DEFAULT_HELD_REQUESTS;
}
