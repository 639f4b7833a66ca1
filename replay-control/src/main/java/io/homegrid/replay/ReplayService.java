package io.homegrid.replay;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.bus.Destinations;
import io.homegrid.replay.internal.ReplayCatalog;
import io.homegrid.replay.internal.ReplayCommand;
import io.homegrid.replay.internal.ReplayRunners;
import io.homegrid.replay.internal.ReplaySource;

/**
 * Replay Control: the one assembly the DS component and the embedded launcher start. It takes
 * commands from {@code replay.commands}, runs up to {@link ReplaySettings#maxRunning()} replays at
 * once, and at start goes on with the replays a stopped backend left queued or running. Where
 * several instances share the database, a replay's lease there has one of them send it, and each
 * instance looks every {@link #ADOPT_EVERY_SECONDS} s for replays that an instance that died left
 * running.
 */
public final class ReplayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
    static final long ADOPT_EVERY_SECONDS = 30;

    private final ReplayRunners runners;
    private final Connection connection;
    private final ScheduledExecutorService adopter;

    private ReplayService(ReplayRunners runners, Connection connection) {
        this.runners = runners;
        this.connection = connection;
        this.adopter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "homegrid-replay-adopter");
            thread.setDaemon(true);
            return thread;
        });
        adopter.scheduleWithFixedDelay(this::adoptOrphans, ADOPT_EVERY_SECONDS, ADOPT_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void adoptOrphans() {
        try {
            int adopted = runners.resumeUnfinished();
            if (adopted > 0) {
                LOG.info("{} replay(s) no instance was sending taken up here", adopted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for replays no instance sends failed: {}", e.toString());
        }
    }

    /** @param connectionFactory a plain factory: the service and each running replay keep a connection */
    public static ReplayService start(ReplaySettings settings, ConnectionFactory connectionFactory, DataSource dataSource,
            Clock clock) throws JMSException {
        ReplayCatalog catalog = new ReplayCatalog(dataSource);
        ReplayRunners runners = new ReplayRunners(settings, catalog, dataSource, new ReplaySource(dataSource),
                connectionFactory, clock);
        Connection connection = connectionFactory.createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Destinations.REPLAY_COMMANDS));
            MessageProducer replies = session.createProducer(null);
            consumer.setMessageListener(message -> onCommand(runners, session, replies, message));
            connection.start();
        } catch (JMSException | RuntimeException e) {
            connection.close();
            runners.close();
            throw e;
        }
        int resumed = runners.resumeUnfinished();
        LOG.info("Replay Control ready ({} replay(s) at once, {} taken up again)", settings.maxRunning(), resumed);
        return new ReplayService(runners, connection);
    }

    private static void onCommand(ReplayRunners runners, Session session, MessageProducer replies, Message message) {
        try {
            ReplayCommand command = ReplayCommand.parse(((TextMessage) message).getText());
            switch (command.action()) {
                case ReplayCommand.START -> runners.launch(command.id());
                case ReplayCommand.CANCEL -> {
                    runners.cancel(command.id());
                    if (message.getJMSReplyTo() != null) {
                        TextMessage reply = session.createTextMessage(command.json());
                        reply.setJMSCorrelationID(message.getJMSCorrelationID());
                        replies.send(message.getJMSReplyTo(), reply);
                    }
                }
                default -> LOG.warn("Unknown replay command '{}' for replay {} ignored", command.action(), command.id());
            }
        } catch (JMSException | JsonProcessingException | ClassCastException e) {
            LOG.warn("A replay command could not be read and was dropped: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("A replay command failed", e);
        }
    }

    /** Replays sending now in this backend. */
    public int running() {
        return runners.running();
    }

    /**
     * Stops taking commands and stops the running replays where they are: they stay running in the
     * catalog, and the next start goes on with them.
     */
    @Override
    public void close() throws JMSException {
        adopter.shutdownNow();
        try {
            connection.close();
        } finally {
            runners.close();
        }
    }
}
