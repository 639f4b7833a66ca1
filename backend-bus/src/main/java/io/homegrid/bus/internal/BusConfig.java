package io.homegrid.bus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.bus.BusSettings;

@ObjectClassDefinition(name = "homegrid message bus",
        description = "The ActiveMQ broker the backend services share: embedded in this container, or external.")
@interface BusConfig {

    @AttributeDefinition(name = "Embedded broker",
            description = "Run a broker inside this container (a single-node backend). False: connect to the broker URL.")
    boolean embeddedBroker() default true;

    @AttributeDefinition(name = "Broker name", description = "Name of the embedded broker; also its vm:// address.")
    String brokerName() default BusSettings.DEFAULT_BROKER_NAME;

    @AttributeDefinition(name = "Data directory",
            description = "Store of the embedded broker. Empty: ${karaf.data}/homegrid/broker.")
    String dataDirectory() default "";

    @AttributeDefinition(name = "OpenWire port",
            description = "Also accept OpenWire clients of the embedded broker on 127.0.0.1 at this port; 0 for none.")
    int tcpPort() default 0;

    @AttributeDefinition(name = "MQTT port",
            description = "Also accept MQTT clients (e.g. mosquitto_sub -t cep/out, with a token or their credentials) on "
                    + "127.0.0.1 at this port; 0 for none.")
    int mqttPort() default 0;

    @AttributeDefinition(name = "STOMP port", description = "Also accept STOMP clients on 127.0.0.1 at this port; 0 for none.")
    int stompPort() default 0;

    @AttributeDefinition(name = "Durable queues",
            description = "Queues the embedded broker creates at start, so that virtual-topic messages are kept for "
                    + "services that have not subscribed yet.")
    String[] durableQueues() default {BusSettings.QUEUE_PERSISTENCE_READINGS, BusSettings.QUEUE_CEP_READINGS,
        BusSettings.QUEUE_PERSISTENCE_CEP, BusSettings.QUEUE_SHARING_READINGS, BusSettings.QUEUE_SHARING_CEP};

    @AttributeDefinition(name = "Broker URL",
            description = "External broker, when the embedded one is off, e.g. failover:(tcp://mq1:61616,tcp://mq2:61616).")
    String brokerUrl() default BusSettings.DEFAULT_BROKER_URL;

    @AttributeDefinition(name = "Pooled connections", description = "Connections in the pool producers borrow from.")
    int poolMaxConnections() default BusSettings.DEFAULT_POOL_MAX_CONNECTIONS;

    @AttributeDefinition(name = "Services user", description = "The backend services' broker user.")
    String servicesUser() default BusSettings.DEFAULT_SERVICES_USER;

    @AttributeDefinition(name = "Services password", type = AttributeType.PASSWORD,
            description = "Blank: generated at every start for the embedded broker. Required for an external broker.")
    String servicesPassword() default "";
}
