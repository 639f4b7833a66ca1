package io.homegrid.routes.rest.internal.live;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;

/**
 * Tells live watchers that a gateway pushed its device list, on the non-persistent topic
 * {@value Destinations#DEVICES_LIVE}. Best effort: the list is already durable on its queue, so a
 * broker that does not take this copy costs a live client a join, never the push its 202.
 */
public final class DeviceAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAnnouncer.class);

    private final ConnectionFactory connectionFactory;

    /** @param connectionFactory pooled: each announcement borrows a connection and a session */
    public DeviceAnnouncer(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public void announce(String gateway, String deviceBatch) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createTopic(Destinations.DEVICES_LIVE));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            TextMessage message = session.createTextMessage(deviceBatch);
            message.setStringProperty(Headers.GATEWAY, gateway);
            producer.send(message);
        } catch (JMSException e) {
            LOG.warn("The device list of gateway {} was stored but not announced to live clients: {}", gateway,
                    e.getMessage());
        }
    }
}
