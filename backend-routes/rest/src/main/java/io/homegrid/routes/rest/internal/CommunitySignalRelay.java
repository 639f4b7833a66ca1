package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.GatewayCommand;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.json.Json;
import io.homegrid.security.AccessControl;
import io.homegrid.security.Community;
import io.homegrid.security.CommunityMember;
import io.homegrid.security.GatewayRegistration;

/**
 * Carries each community's residual load as it stands (the CEP engine's, on the community's
 * topic) to the gateways of its member households, as a {@link CommunitySignal} on their command
 * channel, with the community's limits. A household acts on the communities it joined itself: a
 * sub-community's members get the sub-community's signal, not the one of the community above.
 * Signals are non-persistent and expire: a newer one follows within seconds.
 */
public final class CommunitySignalRelay implements AutoCloseable {

    /** A signal not fetched by then is stale. */
    static final Duration EXPIRY = Duration.ofSeconds(15);
    /** How long a community's limits and member gateways are used before they are read again. */
    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(CommunitySignalRelay.class);
    private static final ObjectReader READER = Json.mapper().readerFor(CepOutput.class);
    private static final ObjectWriter WRITER = Json.mapper().writerFor(GatewayCommand.class);

    private record Audience(long readAt, Community community, List<String> gateways) {
    }

    private record Heard(CepOutput output, long at) {
    }

    private final ConnectionFactory connectionFactory;
    private final AccessControl access;
    private final Clock clock;
    private final Map<String, Audience> audiences = new ConcurrentHashMap<>();
    private final Map<String, Heard> latest = new ConcurrentHashMap<>();
    private Connection connection;

    public CommunitySignalRelay(ConnectionFactory connectionFactory, AccessControl access, Clock clock) {
        this.connectionFactory = connectionFactory;
        this.access = access;
        this.clock = clock;
    }

    public void start() throws JMSException {
        connection = connectionFactory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setTimeToLive(EXPIRY.toMillis());
        session.createConsumer(session.createTopic(Destinations.communityResidual("*")),
                "statement = '" + CommunityResidual.LIVE_STATEMENT + "'")
                .setMessageListener(message -> relay(session, producer, message));
        connection.start();
    }

    private void relay(Session session, MessageProducer producer, Message message) {
        String community = null;
        try {
            CepOutput output = READER.readValue(((TextMessage) message).getText());
            community = (String) output.values().get("community");
            latest.put(community, new Heard(output, clock.millis()));
            Audience audience = audience(community);
            if (audience == null || audience.gateways().isEmpty()) {
                return;
            }
            String signal = WRITER.writeValueAsString(new CommunitySignal(UUID.randomUUID().toString(), community,
                    output.time(), number(output, "residualWatts"), audience.community().limitWatts(),
                    audience.community().lowerLimitWatts(), (int) number(output, "batteries"),
                    (int) number(output, "households")));
            for (String gateway : audience.gateways()) {
                producer.send(session.createQueue(Destinations.gatewayCommands(gateway)), session.createTextMessage(signal));
            }
        } catch (JMSException | JsonProcessingException | RuntimeException e) {
            LOG.warn("Community '{}''s residual load not relayed to its gateways: {}", community, e.toString());
        }
    }

    /**
     * The community's residual load as the engine last sent it, within {@link #EXPIRY}: for the
     * API, as its agents heard it.
     */
    public Optional<CepOutput> latest(String community) {
        Heard heard = latest.get(community);
        return heard == null || clock.millis() - heard.at() > EXPIRY.toMillis() ? Optional.empty()
                : Optional.of(heard.output());
    }

    /** The community and its members' gateways, read again every {@link #REFRESH}; null for one that is gone. */
    private Audience audience(String community) {
        Instant now = clock.instant();
        Audience known = audiences.get(community);
        if (known != null && now.toEpochMilli() - known.readAt() < REFRESH.toMillis()) {
            return known;
        }
        Community found = access.communities().community(community).orElse(null);
        if (found == null) {
            audiences.remove(community);
            return null;
        }
        List<String> gateways = access.communities().members(community).stream().map(CommunityMember::household)
                .flatMap(household -> access.directory().gateways(household).stream()).map(GatewayRegistration::gateway)
                .toList();
        Audience read = new Audience(now.toEpochMilli(), found, gateways);
        audiences.put(community, read);
        return read;
    }

    private static double number(CepOutput output, String key) {
        Object value = output.values().get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("a residual load without '" + key + "'");
        }
        return number.doubleValue();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.warn("Closing the community signal relay's connection: {}", e.getMessage());
            }
        }
    }
}
