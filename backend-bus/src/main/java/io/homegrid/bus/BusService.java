package io.homegrid.bus;

import java.util.List;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.bus.internal.BrokerSecurity;

/**
 * The message bus service: the one assembly that both the DS component and the embedded
 * launcher start. It runs the embedded broker (or points at an external one) and offers the two
 * kinds of connection factory; closing it stops the pool, then the broker.
 */
public final class BusService implements BrokerLoad, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BusService.class);

    private final EmbeddedBroker broker;
    private final ActiveMQConnectionFactory plain;
    private final PooledConnectionFactory pooled;

    private BusService(EmbeddedBroker broker, ActiveMQConnectionFactory plain, PooledConnectionFactory pooled) {
        this.broker = broker;
        this.plain = plain;
        this.pooled = pooled;
    }

    /**
     * @param outside who may log in to an embedded broker besides the services, and what they may
     *                read; asked at every connection, so it may change while the broker runs
     */
    public static BusService start(BusSettings settings, OutsideClients outside) throws Exception {
        EmbeddedBroker broker = null;
        String url = settings.brokerUrl();
        BusCredentials services = settings.services();
        if (settings.embeddedBroker()) {
            services = services.orGenerated();
            broker = EmbeddedBroker.start(settings.brokerName(), settings.dataDirectory(), settings.ports(),
                    BrokerSecurity.plugins(services, outside), settings.durableQueues().toArray(String[]::new));
            url = broker.vmUrl();
        }
        ActiveMQConnectionFactory plain = BusConnections.plain(url, services);
        PooledConnectionFactory pooled = BusConnections.pooled(plain, settings.poolMaxConnections());
        LOG.info("Message bus ready at {} (broker user {})", url, services.user());
        return new BusService(broker, plain, pooled);
    }

    /** For long-lived consumers, which hold their own connection. */
    public ActiveMQConnectionFactory plain() {
        return plain;
    }

    /** For request-scoped producers and Camel's JMS component. */
    public PooledConnectionFactory pooled() {
        return pooled;
    }

    /** True while the embedded broker runs; an external broker is not watched here. */
    public boolean embeddedBrokerRunning() {
        return broker != null && broker.isStarted();
    }

    @Override
    public int storePercentUsage() {
        return broker == null ? 0 : broker.storePercentUsage();
    }

    @Override
    public List<DestinationStats> destinations() {
        return broker == null || !broker.isStarted() ? List.of() : broker.destinations();
    }

    @Override
    public void close() throws Exception {
        pooled.stop();
        if (broker != null) {
            broker.close();
        }
    }
}
