package io.homegrid.routes.rest;

import java.time.Clock;
import java.util.List;

import javax.jms.JMSException;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.bus.Destinations;
import io.homegrid.routes.rest.internal.Access;
import io.homegrid.routes.rest.internal.BackPressure;
import io.homegrid.routes.rest.internal.CommunitySignalRelay;
import io.homegrid.routes.rest.internal.GroupCommit;
import io.homegrid.routes.rest.internal.live.LiveHub;
import io.homegrid.routes.rest.internal.live.LiveSockets;
import io.homegrid.routes.rest.internal.metrics.PlatformMetrics;
import io.micrometer.core.instrument.Gauge;

/**
 * The REST API service: the one assembly that both the DS component and the embedded launcher
 * start. It owns its CXF bus and server; closing it ends held requests and stops serving.
 */
public final class RestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestService.class);
    /** Broker writes of pushed batches in progress at once, each its own JMS group: more than the parser's consumers. */
    private static final int PUSH_LANES = 4;

    private final Bus bus;
    private final RestServer server;
    private final PlatformMetrics metrics;
    private final LiveHub live;
    private final CommunitySignalRelay signals;

    private RestService(Bus bus, RestServer server, PlatformMetrics metrics, LiveHub live, CommunitySignalRelay signals) {
        this.bus = bus;
        this.server = server;
        this.metrics = metrics;
        this.live = live;
        this.signals = signals;
    }

    public static RestService start(RestSettings settings, RestDependencies dependencies, Clock clock) {
        return start(settings, dependencies, clock, HttpTransportSetup.NONE);
    }

    /** @param transport embedded: CXF's Jetty gets the TLS key before, and the JSON error handler after */
    public static RestService start(RestSettings settings, RestDependencies dependencies, Clock clock,
            HttpTransportSetup transport) {
        Bus bus = createBus();
        PlatformMetrics metrics = new PlatformMetrics(dependencies.persistence(), dependencies.broker(),
                dependencies.parser(), dependencies.replays());
        LiveHub live = new LiveHub(dependencies.bus());
        CommunitySignalRelay signals = new CommunitySignalRelay(dependencies.bus(), dependencies.access(), clock);
        Gauge.builder("homegrid.live.sockets", live, LiveHub::sockets)
                .description("WebSocket live channel clients logged in").register(metrics.registry());
        try {
            transport.prepare(bus);
            signals.start();
            if (transport.servesWebSockets()) {
                live.start();
                LiveSockets.serve(transport, bus, live, new Access(dependencies.access()),
                        dependencies.repository().virtualDevices());
            }
            BackPressure pressure = new BackPressure(dependencies.persistence(), dependencies.broker(), settings.push());
            List<HealthCheck> health = List.of(HealthChecks.broker(dependencies.bus()),
                    dependencies.database(),
                    HealthChecks.routes(dependencies.parser(), dependencies.persistence()), pressure);
            RestServer server = RestServer.start(bus, settings.addresses(),
                    RestApi.resources(dependencies.access(), publisher(dependencies.bus()), dependencies.repository(),
                            dependencies.ingest(), health, settings.push(), settings.requests(), clock, dependencies.bus(),
                            dependencies.cep(), dependencies.replays(), pressure, metrics, dependencies.webhooks(),
                            signals),
                    RestApi.providers(dependencies.access(), settings.requests(), metrics.registry()));
            transport.started(bus);
            LOG.info("REST API at {}", settings.addresses());
            return new RestService(bus, server, metrics, live, signals);
        } catch (JMSException e) {
            signals.close();
            live.close();
            metrics.close();
            bus.shutdown(true);
            throw new BusUnavailableException("the live channel or the community signals cannot subscribe to the bus", e);
        } catch (RuntimeException e) {
            signals.close();
            live.close();
            metrics.close();
            bus.shutdown(true);
            throw e;
        }
    }

    /** Validated readings batches pushed together share a broker write; see {@link GroupCommit}. */
    private static BusPublisher publisher(javax.jms.ConnectionFactory bus) {
        JmsBusPublisher jms = new JmsBusPublisher(bus);
        return new GroupCommit(jms, jms, Destinations.READINGS_RAW, PUSH_LANES,
                io.homegrid.persistence.PersistenceSettings.DEFAULT_MAX_READINGS_PER_COMMIT);
    }

    /**
     * CXF in Karaf offers no Bus service; a bus created with CXF's class loader as the context one
     * finds the servlet transport through CXF's OSGi extension registry. Embedded, the same bus
     * finds the Jetty transport on the class path.
     */
    private static Bus createBus() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Bus.class.getClassLoader());
        try {
            return BusFactory.newInstance().createBus();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        signals.close();
        live.close();
        server.close();
        bus.shutdown(true);
        metrics.close();
    }
}
