package io.homegrid.routes.rest;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import io.homegrid.model.bus.Headers;

/**
 * Publishes persistent text messages. The factory should pool connections and sessions
 * (ActiveMQ's {@code PooledConnectionFactory}): each call borrows one of each.
 *
 * <p>A persistent message sent outside a transaction is acknowledged by ActiveMQ only once its
 * store has written it, so {@link #publish} returning is the durability point the Data Push
 * Interface answers 202 on.
 */
public final class JmsBusPublisher implements BusPublisher {

    private final ConnectionFactory connectionFactory;

    public JmsBusPublisher(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void publish(String queue, String gateway, String body, int readings) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty(Headers.GATEWAY, gateway);
            message.setStringProperty(Headers.GROUP, gateway);
            message.setIntProperty(Headers.READINGS, readings);
            message.setLongProperty(Headers.RECEIVED, System.currentTimeMillis());
            producer.send(message);
        } catch (JMSException e) {
            throw new BusUnavailableException("the broker did not take the message for " + queue, e);
        }
    }
}
