package io.homegrid.routes.rest;

import org.apache.cxf.Bus;

/**
 * What the embedded mode does to CXF's own HTTP transport around publishing the API: the TLS key
 * before, the JSON error handler of the Jetty server after. In Karaf pax-web owns the transport.
 */
public interface HttpTransportSetup {

    HttpTransportSetup NONE = new HttpTransportSetup() {
    };

    /** Before anything is published on the bus. */
    default void prepare(Bus bus) {
    }

    /** Once the API is published, so the servers exist. */
    default void started(Bus bus) {
    }
}
