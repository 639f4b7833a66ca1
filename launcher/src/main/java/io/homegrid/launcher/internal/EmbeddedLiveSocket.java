package io.homegrid.launcher.internal;

import java.util.ArrayList;
import java.util.List;

import javax.websocket.server.ServerEndpointConfig;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.websocket.jsr356.server.deploy.WebSocketServerContainerInitializer;

import io.homegrid.routes.rest.internal.live.LiveSockets;

/**
 * The WebSocket live channel on CXF's own Jetty servers (embedded mode): a servlet context of its
 * own at {@link LiveSockets#PATH}, with Jetty's JSR 356 container, beside CXF's; on the HTTPS port
 * and, if configured, the loopback HTTP port.
 */
public final class EmbeddedLiveSocket {

    private EmbeddedLiveSocket() {
    }

    /** @param ports the engines exist already ({@link EmbeddedTls}, {@link EmbeddedThreads}); 0: none */
    public static void install(Bus bus, ServerEndpointConfig endpoint, int... ports) {
        JettyHTTPServerEngineFactory factory = bus.getExtension(JettyHTTPServerEngineFactory.class);
        for (int port : ports) {
            JettyHTTPServerEngine engine = port > 0 ? factory.retrieveJettyHTTPServerEngine(port) : null;
            if (engine == null) {
                continue;
            }
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            context.setContextPath(LiveSockets.PATH);
            // the channel's own URL, not Jetty's redirect to the context root with a slash
            context.setAllowNullPathInfo(true);
            WebSocketServerContainerInitializer.configure(context, (servletContext, container) ->
                    container.addEndpoint(endpoint));
            List<Handler> handlers = new ArrayList<>(engine.getHandlers() == null ? List.of() : engine.getHandlers());
            handlers.add(context);
            engine.setHandlers(handlers);
        }
    }
}
