package io.homegrid.routes.rest;

import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the REST API on a CXF bus: at an absolute {@code http://host:port/} address on CXF's
 * Jetty transport (embedded mode), or at a relative one under CXF's servlet (Karaf).
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final Server server;
    private final List<Object> resources;

    private RestServer(Server server, List<Object> resources) {
        this.server = server;
        this.resources = resources;
    }

    public static RestServer start(Bus bus, String address, List<Object> resources, List<Object> providers) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceBeans(resources);
        factory.setProviders(providers);
        return new RestServer(factory.create(), List.copyOf(resources));
    }

    /**
     * Closes the resources that are {@link AutoCloseable} first: they end the requests they hold
     * open (long polls, live streams), which the HTTP server would otherwise wait out.
     */
    @Override
    public void close() {
        for (Object resource : resources) {
            if (resource instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed; its requests end when they time out", resource.getClass().getSimpleName(), e);
                }
            }
        }
        server.destroy();
    }
}
