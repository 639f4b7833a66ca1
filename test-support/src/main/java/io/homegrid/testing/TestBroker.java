package io.homegrid.testing;

import java.util.concurrent.atomic.AtomicInteger;

import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.command.ActiveMQDestination;

/** A real ActiveMQ broker inside the test JVM (in-memory store), reached over the vm transport. */
public final class TestBroker implements AutoCloseable {

    private static final AtomicInteger BROKERS = new AtomicInteger();

    private final BrokerService broker;

    /** @param plugins broker plugins that watch what clients do, e.g. a {@link TransactionRecorder} */
    public TestBroker(BrokerPlugin... plugins) throws Exception {
        broker = new BrokerService();
        if (plugins.length > 0) {
            broker.setPlugins(plugins);
        }
        broker.setBrokerName("test-" + BROKERS.incrementAndGet());
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setAdvisorySupport(false);
        broker.start();
        broker.waitUntilStarted();
    }

    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("vm://" + broker.getBrokerName() + "?create=false");
    }

    /** Sends a text message with string properties given as name, value pairs. */
    public void send(String queue, String body, String... properties) throws JMSException {
        Connection connection = connectionFactory().createConnection();
        try (connection; Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            TextMessage message = session.createTextMessage(body);
            for (int i = 0; i < properties.length; i += 2) {
                message.setStringProperty(properties[i], properties[i + 1]);
            }
            producer.send(message);
        }
    }

    /** Receives one message from a queue, or null after the timeout. */
    public Message receive(String queue, long timeoutMillis) throws JMSException {
        Connection connection = connectionFactory().createConnection();
        try (connection; Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            return consumer.receive(timeoutMillis);
        }
    }

    /** How many consumers a destination has right now. */
    public int consumers(ActiveMQDestination destination) throws Exception {
        Destination found = broker.getDestination(destination);
        return found == null ? 0 : found.getConsumers().size();
    }

    @Override
    public void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
