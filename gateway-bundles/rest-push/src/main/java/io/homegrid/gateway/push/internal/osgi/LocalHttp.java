package io.homegrid.gateway.push.internal.osgi;

import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.push.internal.LocalStatusBodies;
import io.homegrid.gateway.push.internal.http.LocalStatusServlet;

/**
 * Offers the local {@code /health} and {@code /api/v1/status} to the HTTP whiteboard where the
 * servlet API is installed (the Felix distribution's Jetty); without it the gateway runs the
 * same, with no local HTTP.
 */
final class LocalHttp {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHttp.class);
    private static final String SERVLET = "javax.servlet.Servlet";

    private LocalHttp() {
    }

    static List<ServiceRegistration<?>> offer(BundleContext context, LocalStatusBodies bodies) {
        try {
            Class.forName(SERVLET, false, LocalHttp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.info("No servlet container here: /health and /api/v1/status are not served");
            return List.of();
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", new String[] {LocalStatusServlet.HEALTH,
            LocalStatusServlet.STATUS});
        properties.put("osgi.http.whiteboard.servlet.name", "homegrid-local-status");
        return List.of(context.registerService(SERVLET, new LocalStatusServlet(bodies), properties));
    }
}
