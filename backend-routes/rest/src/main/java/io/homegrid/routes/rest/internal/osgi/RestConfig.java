package io.homegrid.routes.rest.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.routes.rest.PushSettings;
import io.homegrid.routes.rest.RestSettings;

/** The batch limit is not here: it is the one shared with the parser, configured by {@code io.homegrid.ingest}. */
@ObjectClassDefinition(name = "homegrid REST API",
        description = "Data Push Interface and Aggregate Sensing Interface, published on CXF's servlet.")
@interface RestConfig {

    @AttributeDefinition(name = "Address", description = "Path under CXF's servlet context (org.apache.cxf.osgi).")
    String address() default RestSettings.DEFAULT_ADDRESS;

    @AttributeDefinition(name = "Largest body", description = "Bytes; larger pushes are answered 413.")
    int maxBodyBytes() default PushSettings.DEFAULT_MAX_BODY_BYTES;
}
