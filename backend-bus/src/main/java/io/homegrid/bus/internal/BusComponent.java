package io.homegrid.bus.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.bus.BusConnections;
import io.homegrid.bus.EmbeddedBroker;

/**
 * Starts the embedded broker (or points at an external one) and offers the bus as two
 * {@link ConnectionFactory} services, {@code (homegrid.bus=plain)} and {@code (homegrid.bus=pooled)}.
 * They are registered by hand, after the broker is up, so that no service can connect too early.
 */
@Component(configurationPid = "io.homegrid.bus", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = BusConfig.class)
public final class BusComponent {

    private static final Logger LOG = LoggerFactory.getLogger(BusComponent.class);

    private EmbeddedBroker broker;
    private PooledConnectionFactory pooled;
    private ServiceRegistration<ConnectionFactory> plainRegistration;
    private ServiceRegistration<ConnectionFactory> pooledRegistration;

    @Activate
    void activate(BusConfig config, BundleContext context) throws Exception {
        String url = config.brokerUrl();
        if (config.embeddedBroker()) {
            broker = EmbeddedBroker.start(config.brokerName(), dataDirectory(config),
                    new EmbeddedBroker.Ports(config.tcpPort(), config.mqttPort(), config.stompPort()), config.durableQueues());
            url = broker.vmUrl();
        }
        ActiveMQConnectionFactory plain = BusConnections.plain(url);
        pooled = BusConnections.pooled(plain, config.poolMaxConnections());
        plainRegistration = context.registerService(ConnectionFactory.class, plain, kind(BusConnections.PLAIN));
        pooledRegistration = context.registerService(ConnectionFactory.class, pooled, kind(BusConnections.POOLED));
        LOG.info("Message bus ready at {}", url);
    }

    @Deactivate
    void deactivate() throws Exception {
        pooledRegistration.unregister();
        plainRegistration.unregister();
        pooled.stop();
        if (broker != null) {
            broker.close();
        }
    }

    private static Path dataDirectory(BusConfig config) {
        if (!config.dataDirectory().isBlank()) {
            return Path.of(config.dataDirectory());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "homegrid", "broker");
    }

    private static Dictionary<String, Object> kind(String kind) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BusConnections.KIND, kind);
        return properties;
    }
}
