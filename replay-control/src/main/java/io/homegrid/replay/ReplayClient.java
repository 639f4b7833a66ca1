package io.homegrid.replay;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TemporaryQueue;
import javax.jms.TextMessage;
import javax.sql.DataSource;

import io.homegrid.model.bus.Destinations;
import io.homegrid.replay.internal.ReplayCatalog;
import io.homegrid.replay.internal.ReplayCommand;

/**
 * How the Aggregate Sensing/Actuation Interface asks for replays: it records the replay, then
 * puts the command on {@code replay.commands} for Replay Control; a cancel waits for Replay
 * Control's answer, after which nothing more of the replay is sent.
 */
public final class ReplayClient {

    /** How long a cancel waits for Replay Control to confirm it. */
    public static final long CANCEL_TIMEOUT_MS = 5_000;

    private final ReplayCatalog catalog;
    private final ConnectionFactory connectionFactory;
    private final Clock clock;

    /** @param connectionFactory a pooled factory: each call borrows a connection */
    public ReplayClient(DataSource dataSource, ConnectionFactory connectionFactory, Clock clock) {
        this.catalog = new ReplayCatalog(dataSource);
        this.connectionFactory = connectionFactory;
        this.clock = clock;
    }

    /** Thrown when Replay Control does not answer (it is not running, or the broker is away). */
    public static final class ReplayControlUnavailableException extends RuntimeException {

        public ReplayControlUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Replay submit(ReplayRequest request) {
        Replay replay = catalog.create(request, clock.instant());
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.REPLAY_COMMANDS));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(new ReplayCommand(ReplayCommand.START, replay.id()).json()));
        } catch (JMSException e) {
            // Recorded as queued: Replay Control takes it up at its next start.
            throw new ReplayControlUnavailableException("replay " + replay.id()
                    + " is recorded but the broker did not take its start; it starts with Replay Control", e);
        }
        return replay;
    }

    public Optional<Replay> get(long id) {
        return catalog.get(id);
    }

    /** @param household null for every household's */
    public List<Replay> list(String household) {
        return catalog.list(household);
    }

    /**
     * Cancels an isolated replay and deletes it with its readings and the CEP outputs they caused.
     *
     * @throws IllegalStateException for a pipeline replay, whose readings are the household's history now
     */
    public void purge(long id) {
        Replay replay = catalog.get(id).orElseThrow();
        if (replay.mode() != ReplayMode.ISOLATED) {
            throw new IllegalStateException("replay " + id + " went into the household's history: only isolated "
                    + "replays are deleted with their readings");
        }
        cancel(id);
        catalog.delete(id);
    }

    /** Cancels the replay and answers it as it is then; a replay that has ended stays as it ended. */
    public Replay cancel(long id) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            TemporaryQueue replyTo = session.createTemporaryQueue();
            try (MessageConsumer replies = session.createConsumer(replyTo)) {
                TextMessage command = session.createTextMessage(new ReplayCommand(ReplayCommand.CANCEL, id).json());
                String correlation = UUID.randomUUID().toString();
                command.setJMSReplyTo(replyTo);
                command.setJMSCorrelationID(correlation);
                MessageProducer producer = session.createProducer(session.createQueue(Destinations.REPLAY_COMMANDS));
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                producer.send(command);
                Message reply = replies.receive(CANCEL_TIMEOUT_MS);
                if (reply == null) {
                    throw new ReplayControlUnavailableException("Replay Control did not confirm the cancel within "
                            + CANCEL_TIMEOUT_MS + " ms", null);
                }
            } finally {
                replyTo.delete();
            }
        } catch (JMSException e) {
            throw new ReplayControlUnavailableException("cannot reach Replay Control: " + e.getMessage(), e);
        }
        return catalog.get(id).orElseThrow();
    }
}
