package io.homegrid.routes.rest;

import java.time.Duration;
import java.util.Optional;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.routes.rest.internal.HeldRequests;

/**
 * Commands to gateways over the broker. A command waits in {@code gateway.<id>.commands} for the
 * gateway's long poll, non-persistent and expiring with the caller's timeout: a relay command
 * must not fire minutes later. Results come back on {@code gateway.commands.results}, correlated
 * by command id, so any backend instance can serve either side.
 */
public final class CommandBus implements AutoCloseable {

    private final ConnectionFactory connectionFactory;
    private final HeldRequests held = new HeldRequests();

    public CommandBus(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** Sends a command and waits for its result; empty when none came within {@code timeout}. */
    public Optional<String> request(String gateway, String id, String command, Duration timeout) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            // Subscribe before sending, so that a fast answer cannot slip past.
            MessageConsumer results = session.createConsumer(session.createQueue(Destinations.COMMAND_RESULTS),
                    "JMSCorrelationID = '" + id.replace("'", "") + "' AND " + Headers.GATEWAY + " = '" + gateway.replace("'", "") + "'");
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.gatewayCommands(gateway)));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setTimeToLive(timeout.toMillis());
            TextMessage message = session.createTextMessage(command);
            message.setJMSCorrelationID(id);
            producer.send(message);
            Message result = held.receive(results, timeout.toMillis());
            if (result == null && held.closed()) {
                throw new BusUnavailableException("the backend is stopping; command " + id + " may still reach gateway "
                        + gateway, null);
            }
            return result == null ? Optional.empty() : Optional.of(((TextMessage) result).getText());
        } catch (JMSException e) {
            throw new BusUnavailableException("cannot send a command to gateway " + gateway, e);
        }
    }

    /** The gateway's long poll: the next command for it, waiting up to {@code wait}. */
    public Optional<String> next(String gateway, Duration wait) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer commands = session.createConsumer(session.createQueue(Destinations.gatewayCommands(gateway)));
            Message message = held.receive(commands, wait.toMillis());
            return message == null ? Optional.empty() : Optional.of(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new BusUnavailableException("cannot read commands for gateway " + gateway, e);
        }
    }

    /** Ends the long polls and command waits in progress, before the HTTP server stops. */
    @Override
    public void close() {
        held.close();
    }

    /**
     * A gateway's result for a command. It carries the gateway that sent it, and the requester
     * waits only for its own gateway's answer: a result posted by any other identity is never taken
     * for the plug's confirmation.
     */
    public void reply(String gateway, String id, String result) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.COMMAND_RESULTS));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setTimeToLive(Duration.ofMinutes(1).toMillis());
            TextMessage message = session.createTextMessage(result);
            message.setJMSCorrelationID(id);
            message.setStringProperty(Headers.GATEWAY, gateway);
            producer.send(message);
        } catch (JMSException e) {
            throw new BusUnavailableException("cannot report the result of command " + id, e);
        }
    }
}
