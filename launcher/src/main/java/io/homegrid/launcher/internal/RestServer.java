package io.homegrid.launcher.internal;

import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;

/** Hosts JAX-RS resources on CXF's Jetty transport. */
public final class RestServer implements AutoCloseable {

    private final Bus bus;
    private final Server server;

    private RestServer(Bus bus, Server server) {
        this.bus = bus;
        this.server = server;
    }

    public static RestServer start(String host, int port, List<Object> resources, List<Object> providers) {
        Bus bus = BusFactory.newInstance().createBus();
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress("http://" + host + ":" + port + "/");
        factory.setServiceBeans(resources);
        factory.setProviders(providers);
        return new RestServer(bus, factory.create());
    }

    @Override
    public void close() {
        server.destroy();
        bus.shutdown(true);
    }
}
