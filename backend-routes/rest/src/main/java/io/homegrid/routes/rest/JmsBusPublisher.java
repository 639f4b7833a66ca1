package io.homegrid.routes.rest;

import java.util.List;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.Session;

import io.homegrid.model.bus.Headers;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.routes.rest.internal.GroupCommit;

/**
 * Publishes persistent text messages. The factory should pool connections and sessions
 * (ActiveMQ's {@code PooledConnectionFactory}): each call borrows one of each.
 *
 * <p>A persistent message sent outside a transaction is acknowledged by ActiveMQ only once its
 * store has written it, so {@link #publish} returning is the durability point the Data Push
 * Interface answers 202 on.
 */
public final class JmsBusPublisher implements BusPublisher, GroupCommit.Writer {

    private final ConnectionFactory connectionFactory;

    public JmsBusPublisher(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void publish(String queue, String gateway, String body, int readings) {
        send(queue, gateway, gateway, readings, session -> session.createTextMessage(body));
    }

    @Override
    public void publish(String queue, String gateway, String group, String body, int readings) {
        send(queue, gateway, group, readings, session -> session.createTextMessage(body));
    }

    @Override
    public void publishValidated(String queue, String gateway, byte[] batch, int readings) {
        send(queue, gateway, gateway, readings, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(batch);
            message.setStringProperty(Headers.FORM, ReadingBatchCodec.FORM);
            return message;
        });
    }

    /** Batches of several gateways in one envelope: the message names no gateway, only its group. */
    @Override
    public void write(String queue, String group, List<ReadingBatchCodec.Part> parts, int readings) {
        send(queue, null, group, readings, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(ReadingBatchCodec.encodeMany(parts));
            message.setStringProperty(Headers.FORM, ReadingBatchCodec.FORM_MANY);
            return message;
        });
    }

    private interface Body {
        Message create(Session session) throws JMSException;
    }

    private void send(String queue, String gateway, String group, int readings, Body body) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Message message = body.create(session);
            if (gateway != null) {
                message.setStringProperty(Headers.GATEWAY, gateway);
            }
            message.setStringProperty(Headers.GROUP, group);
            message.setIntProperty(Headers.READINGS, readings);
            message.setLongProperty(Headers.RECEIVED, System.currentTimeMillis());
            producer.send(message);
        } catch (JMSException e) {
            throw new BusUnavailableException("the broker did not take the message for " + queue, e);
        }
    }
}
