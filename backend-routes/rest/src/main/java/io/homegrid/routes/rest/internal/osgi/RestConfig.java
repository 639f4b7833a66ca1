package io.homegrid.routes.rest.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "homegrid REST API",
        description = "Data Push Interface and Aggregate Sensing Interface, published on CXF's servlet.")
@interface RestConfig {

    @AttributeDefinition(name = "Address", description = "Path under CXF's servlet context (org.apache.cxf.osgi).")
    String address() default "/";

    @AttributeDefinition(name = "Largest body", description = "Bytes; larger pushes are answered 413.")
    int maxBodyBytes() default 1 << 20;

    @AttributeDefinition(name = "Largest batch", description = "Readings or devices per push; more is answered 413.")
    int maxBatchSize() default 1_000;
}
