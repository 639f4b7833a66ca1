package io.homegrid.routes.rest;

import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;

/**
 * Publishes the REST API on a CXF bus: at an absolute {@code http://host:port/} address on CXF's
 * Jetty transport (embedded mode), or at a relative one under CXF's servlet (Karaf).
 */
public final class RestServer implements AutoCloseable {

    private final Server server;

    private RestServer(Server server) {
        this.server = server;
    }

    public static RestServer start(Bus bus, String address, List<Object> resources, List<Object> providers) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceBeans(resources);
        factory.setProviders(providers);
        return new RestServer(factory.create());
    }

    @Override
    public void close() {
        server.destroy();
    }
}
