package io.homegrid.bus.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import javax.jms.ConnectionFactory;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.bus.BrokerLoad;
import io.homegrid.bus.BusConnections;
import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.BusService;
import io.homegrid.bus.BusSettings;
import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.bus.OutsideClients;

/**
 * The bus bundle in OSGi: maps its configuration to {@link BusSettings}, starts the
 * {@link BusService} the embedded launcher starts, and offers its two {@link ConnectionFactory}
 * kinds as {@code (homegrid.bus=plain)} and {@code (homegrid.bus=pooled)}. They are registered
 * by hand, after the broker is up, so that no service can connect too early.
 */
@Component(configurationPid = "io.homegrid.bus", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = BusConfig.class)
public final class BusComponent {

    /** Access control, when it is there: until then no outside client gets in. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile OutsideClients outside;

    private BusService service;
    private ServiceRegistration<ConnectionFactory> plainRegistration;
    private ServiceRegistration<ConnectionFactory> pooledRegistration;
    private ServiceRegistration<BrokerLoad> loadRegistration;

    static BusSettings settings(BusConfig config, Path karafData) {
        Path directory = config.dataDirectory().isBlank() ? karafData.resolve("homegrid").resolve("broker")
                : Path.of(config.dataDirectory());
        return new BusSettings(config.embeddedBroker(), config.brokerName(), directory,
                new EmbeddedBroker.Ports(config.tcpPort(), config.mqttPort(), config.stompPort()),
                List.of(config.durableQueues()), config.brokerUrl(), config.poolMaxConnections(),
                new BusCredentials(config.servicesUser(), config.servicesPassword()));
    }

    @Activate
    void activate(BusConfig config, BundleContext context) throws Exception {
        service = BusService.start(settings(config, Path.of(System.getProperty("karaf.data", "data"))),
                (user, password) -> {
                    OutsideClients clients = outside;
                    return clients == null ? Optional.empty() : clients.authenticate(user, password);
                });
        plainRegistration = context.registerService(ConnectionFactory.class, service.plain(), kind(BusConnections.PLAIN));
        pooledRegistration = context.registerService(ConnectionFactory.class, service.pooled(),
                kind(BusConnections.POOLED));
        loadRegistration = context.registerService(BrokerLoad.class, service, new Hashtable<>());
    }

    @Deactivate
    void deactivate() throws Exception {
        loadRegistration.unregister();
        pooledRegistration.unregister();
        plainRegistration.unregister();
        service.close();
    }

    BusService service() {
        return service;
    }

    private static Dictionary<String, Object> kind(String kind) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BusConnections.KIND, kind);
        return properties;
    }
}
