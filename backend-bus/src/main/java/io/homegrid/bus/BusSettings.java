package io.homegrid.bus;

import java.nio.file.Path;
import java.util.List;

/**
 * The message bus the backend services share; the one home of its defaults.
 *
 * @param embeddedBroker     run a broker in this JVM (a single-node backend); false: connect to {@code brokerUrl}
 * @param brokerName         name of the embedded broker, also its {@code vm://} address
 * @param dataDirectory      store of the embedded broker
 * @param ports              protocols the embedded broker also serves on 127.0.0.1
 * @param durableQueues      queues the embedded broker creates at start, so that virtual-topic
 *                           messages are kept for services that have not subscribed yet
 * @param brokerUrl          the external broker when the embedded one is off
 * @param poolMaxConnections connections in the pool that producers borrow from
 * @param services           the backend services' own broker user; a blank password is generated at start
 *                           (an external broker needs it configured). Applications outside the JVM
 *                           (MQTT, STOMP) log in with their own credentials, see {@link OutsideClients}.
 */
public record BusSettings(boolean embeddedBroker, String brokerName, Path dataDirectory, EmbeddedBroker.Ports ports,
        List<String> durableQueues, String brokerUrl, int poolMaxConnections, BusCredentials services) {

    public static final String DEFAULT_BROKER_NAME = "homegrid";
    public static final String DEFAULT_BROKER_URL = "failover:(tcp://localhost:61616)";
    public static final int DEFAULT_POOL_MAX_CONNECTIONS = 4;
    public static final String DEFAULT_SERVICES_USER = "homegrid";
    /** The durable queues behind the virtual topics: persistence, CEP and sharing on readings.parsed, persistence and sharing on cep.out. */
    public static final String QUEUE_PERSISTENCE_READINGS = "consumer.persistence.readings.parsed";
    public static final String QUEUE_CEP_READINGS = "consumer.cep.readings.parsed";
    public static final String QUEUE_PERSISTENCE_CEP = "consumer.persistence.cep.out";

    /** Data sharing's, on both virtual topics. */
    public static final String QUEUE_SHARING_READINGS = "consumer.sharing.readings.parsed";
    public static final String QUEUE_SHARING_CEP = "consumer.sharing.cep.out";

    public static final List<String> DEFAULT_DURABLE_QUEUES = List.of(QUEUE_PERSISTENCE_READINGS, QUEUE_CEP_READINGS,
            QUEUE_PERSISTENCE_CEP, QUEUE_SHARING_READINGS, QUEUE_SHARING_CEP);

    /** An embedded broker keeping its store in {@code dataDirectory}. */
    public static BusSettings embedded(String brokerName, Path dataDirectory, EmbeddedBroker.Ports ports) {
        return new BusSettings(true, brokerName, dataDirectory, ports, DEFAULT_DURABLE_QUEUES, DEFAULT_BROKER_URL,
                DEFAULT_POOL_MAX_CONNECTIONS, new BusCredentials(DEFAULT_SERVICES_USER, ""));
    }

    /** No broker of its own: the one at {@code brokerUrl}, shared with other backend instances, logged in to as {@code services}. */
    public static BusSettings external(String brokerUrl, BusCredentials services) {
        return new BusSettings(false, null, null, null, DEFAULT_DURABLE_QUEUES, brokerUrl, DEFAULT_POOL_MAX_CONNECTIONS,
                services);
    }

    /** The same settings, the services logging in with these credentials (a broker others share needs them known). */
    public BusSettings withServices(BusCredentials credentials) {
        return new BusSettings(embeddedBroker, brokerName, dataDirectory, ports, durableQueues, brokerUrl,
                poolMaxConnections, credentials);
    }
}
