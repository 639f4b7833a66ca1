package io.homegrid.cep;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectReader;

import io.homegrid.cep.internal.CepPublisher;
import io.homegrid.cep.internal.JdbcGatewayHouseholds;
import io.homegrid.cep.internal.JdbcCommunityMembership;
import io.homegrid.cep.internal.JdbcVirtualDeviceGroups;
import io.homegrid.cep.internal.JdbcStatementStore;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;

/**
 * The CEP service on the bus: parsed readings arrive push-based from its own durable queue
 * behind the {@code readings.parsed} virtual topic (one household's readings in order, by
 * message group: the gateway's, or the push lane's that a gateway never changes), outputs leave on
 * {@code cep.out}. A message is acknowledged once the minutes its readings count in are output,
 * so that another instance can compute them again if this one dies. The one assembly that both the DS component
 * and the embedded launcher start, through {@link #start(CepSettings, ConnectionFactory, DataSource, Clock)}.
 */
public final class CepService implements AutoCloseable {

    /** The service name in this service's virtual-topic queue. */
    public static final String SERVICE = "cep";

    private static final Logger LOG = LoggerFactory.getLogger(CepService.class);
    /**
     * ActiveMQ's acknowledgement of one message ({@code ActiveMQSession.INDIVIDUAL_ACKNOWLEDGE}):
     * a message stays unacknowledged while a minute its readings count in is open, and JMS
     * itself can acknowledge only everything a session received so far.
     */
    private static final int INDIVIDUAL_ACKNOWLEDGE = 4;
    /** Set by ActiveMQ on the first message of a group it gives a consumer. */
    private static final String GROUP_FIRST_FOR_CONSUMER = "JMSXGroupFirstForConsumer";
    /**
     * Messages held unacknowledged count in the prefetch window: about two minutes of a busy
     * instance's messages, past which the broker would stop delivering.
     */
    private static final int PREFETCH = 100_000;
    private static final ObjectReader READER = Json.mapper().readerFor(ReadingBatch.class);

    private final ConnectionFactory connectionFactory;
    private final CepPublisher publisher;
    private final CepEngine engine;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cep-clock");
        thread.setDaemon(true);
        return thread;
    });
    private Connection connection;

    /** The engine's administration; each change is announced to the other backend instances. */
    private final StatementAdmin admin = new StatementAdmin() {
        @Override
        public List<StatementInfo> statements() {
            return engine.statements();
        }

        @Override
        public StatementInfo add(String name, String epl, String household) throws InvalidStatementException {
            StatementInfo added = engine.add(name, epl, household);
            announce(name);
            return added;
        }

        @Override
        public boolean remove(String name) {
            boolean removed = engine.remove(name);
            if (removed) {
                announce(name);
            }
            return removed;
        }
    };

    private CepService(ConnectionFactory connectionFactory, DataSource dataSource, CepSettings settings, Clock clock) {
        this.connectionFactory = connectionFactory;
        this.publisher = new CepPublisher(connectionFactory);
        this.engine = new CepEngine(settings, publisher::offer, new JdbcStatementStore(dataSource),
                new JdbcGatewayHouseholds(dataSource), new JdbcVirtualDeviceGroups(dataSource, clock),
                new JdbcCommunityMembership(dataSource, clock), clock);
    }

    /**
     * Deploys the built-in and stored statements, then consumes.
     *
     * @param connectionFactory a plain factory; the service keeps one connection
     */
    public static CepService start(CepSettings settings, ConnectionFactory connectionFactory, DataSource dataSource,
            Clock clock) throws Exception {
        CepService service = new CepService(connectionFactory, dataSource, settings, clock);
        try {
            service.start();
        } catch (Exception e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The queue this service reads parsed readings from. */
    public static String readingsQueue() {
        return Destinations.consumerQueue(SERVICE, Destinations.READINGS_PARSED);
    }

    public StatementAdmin admin() {
        return admin;
    }


    /** Tells every instance (this one too, which finds nothing to do) that the stored statements changed. */
    private void announce(String name) {
        try (Connection announcing = connectionFactory.createConnection();
                Session session = announcing.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createTopic(Destinations.CEP_STATEMENTS_CHANGED));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.send(session.createTextMessage(name));
        } catch (JMSException e) {
            // the statement is stored: the other instances have it at their next start
            LOG.warn("Other backend instances not told of statement '{}': {}", name, e.getMessage());
        }
    }

    public CepEngine engine() {
        return engine;
    }

    private void start() throws JMSException {
        engine.start();
        publisher.start();
        connection = connectionFactory.createConnection();
        Session session = connection.createSession(false, INDIVIDUAL_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(readingsQueue() + "?consumer.prefetchSize=" + PREFETCH))
                .setMessageListener(this::onMessage);
        Session statements = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        statements.createConsumer(statements.createTopic(Destinations.CEP_STATEMENTS_CHANGED))
                .setMessageListener(message -> engine.syncStatements());
        connection.start();
        ticker.scheduleWithFixedDelay(engine::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void onMessage(Message message) {
        try {
            String group = message.getStringProperty(Headers.GROUP);
            if (group != null && message.getBooleanProperty(GROUP_FIRST_FOR_CONSUMER)) {
                engine.resetGroup(group);
            }
            List<ReadingBatch> batches = batches(message);
            if (message.propertyExists(Headers.ORIGINAL_TIME) && message.propertyExists(Headers.REPLAY)) {
                // an isolated replay's runtime is its own, and the replay can be run again: taken as it comes
                for (ReadingBatch batch : batches) {
                    engine.acceptIsolated(batch, message.getLongProperty(Headers.REPLAY),
                            Instant.ofEpochMilli(message.getLongProperty(Headers.ORIGINAL_TIME)));
                }
                acknowledge(message);
            } else {
                engine.accept(batches, group == null ? "" : group, () -> publisher.afterPublished(() -> acknowledge(message)));
            }
        } catch (Exception e) {
            // A batch the parser let through is valid by construction: this is a bug, not input,
            // and delivering it again would fail again.
            LOG.error("CEP could not take message {}", message, e);
            acknowledge(message);
        }
    }

    private static void acknowledge(Message message) {
        try {
            message.acknowledge();
        } catch (JMSException e) {
            // the broker delivers it again (to this instance or another), whose CEP counts it once
            LOG.warn("CEP could not acknowledge message {}: {}", message, e.toString());
        }
    }

    /**
     * The compact forms the push interface sends (bytes: one batch, or several gateways' batches
     * written together), or JSON (replays, and messages from before them).
     */
    private static List<ReadingBatch> batches(Message message) throws Exception {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return ReadingBatchCodec.decodeAll(body);
        }
        ReadingBatch batch = READER.readValue(((TextMessage) message).getText());
        return List.of(batch);
    }

    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        if (connection != null) {
            connection.close();
        }
        publisher.close();
        engine.close();
    }
}
