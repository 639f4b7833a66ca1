package io.homegrid.launcher.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.transport.http_jetty.ThreadingParameters;

/**
 * Sizes the thread pools of CXF's embedded Jetty before the API is published. Live streams and
 * command polls each hold a thread for as long as they are open; Jetty's default of 200 threads
 * would leave nothing for {@code /health} and pushes once 200 of them are open.
 */
public final class EmbeddedThreads {

    private EmbeddedThreads() {
    }

    /**
     * @param httpsPort its engine exists already ({@link EmbeddedTls} made it)
     * @param httpPort  the loopback plain-HTTP port, 0 for none
     */
    public static void configure(Bus bus, int threads, int httpsPort, int httpPort) {
        JettyHTTPServerEngineFactory factory = bus.getExtension(JettyHTTPServerEngineFactory.class);
        pool(factory.retrieveJettyHTTPServerEngine(httpsPort), threads, httpsPort);
        if (httpPort > 0) {
            try {
                pool(factory.createJettyHTTPServerEngine("127.0.0.1", httpPort, "http"), threads, httpPort);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot prepare plain HTTP on 127.0.0.1:" + httpPort, e);
            }
        }
    }

    private static void pool(JettyHTTPServerEngine engine, int threads, int port) {
        if (engine == null) {
            throw new IllegalStateException("no HTTP server engine on port " + port + " to size");
        }
        ThreadingParameters parameters = new ThreadingParameters();
        parameters.setMinThreads(8);
        parameters.setMaxThreads(threads);
        parameters.setThreadNamePrefix("homegrid-http-" + port);
        engine.setThreadingParameters(parameters);
    }
}
