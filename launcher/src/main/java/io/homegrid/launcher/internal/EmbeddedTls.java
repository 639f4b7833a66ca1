package io.homegrid.launcher.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;

import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;

/** Gives CXF's embedded Jetty the backend's TLS key for its HTTPS port, before the API is published there. */
public final class EmbeddedTls {

    private EmbeddedTls() {
    }

    public static void configure(Bus bus, int port, TlsMaterial tls) {
        TLSServerParameters parameters = new TLSServerParameters();
        parameters.setKeyManagers(tls.keyManagers());
        // TLS 1.2 and 1.3 only; the JDK's defaults choose the cipher suites.
        parameters.setIncludeProtocols(java.util.List.of("TLSv1.3", "TLSv1.2"));
        try {
            bus.getExtension(JettyHTTPServerEngineFactory.class).setTLSServerParametersForPort(port, parameters);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot serve HTTPS on port " + port + ": " + e.getMessage(), e);
        }
    }
}
