package io.homegrid.routes.rest;

import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the REST API on a CXF bus: at absolute {@code https://host:port/} addresses on CXF's
 * Jetty transport (embedded mode), or at a relative one under CXF's servlet (Karaf).
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final List<Server> servers;
    private final List<Object> resources;

    private RestServer(List<Server> servers, List<Object> resources) {
        this.servers = servers;
        this.resources = resources;
    }

    public static RestServer start(Bus bus, String address, List<Object> resources, List<Object> providers) {
        return start(bus, List.of(address), resources, providers);
    }

    /** The same resources at each address (HTTPS on the public port, plain HTTP on loopback if asked). */
    public static RestServer start(Bus bus, List<String> addresses, List<Object> resources, List<Object> providers) {
        List<Server> servers = new java.util.ArrayList<>();
        for (String address : addresses) {
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress(address);
            factory.setServiceBeans(resources);
            factory.setProviders(providers);
            servers.add(factory.create());
        }
        return new RestServer(List.copyOf(servers), List.copyOf(resources));
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
        servers.forEach(Server::destroy);
    }
}
