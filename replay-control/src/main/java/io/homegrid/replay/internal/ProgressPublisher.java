package io.homegrid.replay.internal;

import java.time.Clock;

import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.json.Json;
import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplayViews;

/**
 * Announces a replay's progress on {@code replay.progress}, for the live channel: the replay as
 * {@code GET /api/v1/replays/{id}} shows it. Not persistent: a lost progress event is followed by
 * the next, and the catalog holds the truth.
 */
final class ProgressPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressPublisher.class);

    private final Session session;
    private final MessageProducer producer;
    private final Clock clock;

    /** @param session a session of the calling thread's own, not transacted */
    ProgressPublisher(Session session, Clock clock) throws JMSException {
        this.session = session;
        this.producer = session.createProducer(session.createTopic(Destinations.REPLAY_PROGRESS));
        this.producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        this.clock = clock;
    }

    void publish(Replay replay) {
        try {
            TextMessage message = session.createTextMessage(Json.mapper().writeValueAsString(ReplayViews.view(replay, clock.instant())));
            message.setStringProperty(Headers.HOUSEHOLD, replay.household());
            message.setLongProperty("replayId", replay.id());
            message.setStringProperty("kind", "replay");
            producer.send(message);
        } catch (JMSException | JsonProcessingException e) {
            LOG.warn("Cannot announce the progress of replay {}: {}", replay.id(), e.toString());
        }
    }
}
