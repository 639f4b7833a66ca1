package io.homegrid.routes.rest.internal.live;

import javax.websocket.server.ServerEndpointConfig;

import org.apache.cxf.Bus;

import io.homegrid.persistence.analysis.VirtualDevices;
import io.homegrid.routes.rest.HttpTransportSetup;
import io.homegrid.routes.rest.internal.Access;

/** The WebSocket live channel's endpoint as a JSR 356 configuration, for whichever server hosts it. */
public final class LiveSockets {

    /** Where the channel answers; hosts put the endpoint's context here, the endpoint at its root. */
    public static final String PATH = "/api/v1/live/ws";

    private LiveSockets() {
    }

    /**
     * Hands the host the endpoint. Only hosts with a WebSocket container call this: the classes
     * of {@code javax.websocket} are loaded from here on.
     */
    public static void serve(HttpTransportSetup transport, Bus bus, LiveHub hub, Access access,
            VirtualDevices virtualDevices) {
        transport.liveSocket(bus, () -> endpoint(hub, access, virtualDevices, "/"));
    }

    /** A new {@link LiveSocket} per connection, on the hub and access rules given. */
    public static ServerEndpointConfig endpoint(LiveHub hub, Access access, VirtualDevices virtualDevices,
            String path) {
        return ServerEndpointConfig.Builder.create(LiveSocket.class, path)
                .configurator(new LiveSocketConfigurator(() -> new LiveSocket(hub, access, virtualDevices))).build();
    }
}
