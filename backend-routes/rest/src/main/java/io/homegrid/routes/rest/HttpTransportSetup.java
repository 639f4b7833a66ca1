package io.homegrid.routes.rest;

import java.util.function.Supplier;

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

    /**
     * After {@link #prepare}, when {@link #servesWebSockets}: serve the WebSocket live channel (a
     * JSR 356 endpoint; a host without a WebSocket container never loads its classes) at
     * {@link io.homegrid.routes.rest.internal.live.LiveSockets#PATH}.
     */
    default void liveSocket(Bus bus, Supplier<javax.websocket.server.ServerEndpointConfig> endpoint) {
    }

    /** Whether this host has a WebSocket container, so that {@link #liveSocket} serves the channel. */
    default boolean servesWebSockets() {
        return false;
    }

    /** Once the API is published, so the servers exist. */
    default void started(Bus bus) {
    }
}
