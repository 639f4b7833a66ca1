package io.homegrid.routes.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.jms.Connection;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.command.TransactionId;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.ReadingBatch;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.json.Json;
import io.homegrid.routes.parser.ParserService;
import io.homegrid.routes.parser.ParserSettings;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.TransactionRecorder;
import io.homegrid.testing.TransactionRecorder.Kind;
import io.homegrid.testing.TransactionRecorder.Operation;

/** The parser route against a real broker: what goes in on readings.raw, what comes out where. */
class ParserRouteTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);

    private final TransactionRecorder transactions = new TransactionRecorder();
    private TestBroker broker;
    private PooledConnectionFactory pool;
    private ParserService parser;
    private Connection listener;
    private MessageConsumer parsed;

    @BeforeEach
    void start() throws Exception {
        broker = new TestBroker(transactions);
        pool = new PooledConnectionFactory(broker.connectionFactory());
        listener = broker.connectionFactory().createConnection();
        Session session = listener.createSession(false, Session.AUTO_ACKNOWLEDGE);
        parsed = session.createConsumer(session.createTopic(Destinations.READINGS_PARSED));
        listener.start();
        parser = ParserService.start(ParserSettings.DEFAULT.withConsumers(1), new DefaultCamelContext(), pool, CLOCK);
    }

    @AfterEach
    void stop() throws Exception {
        parser.close();
        listener.close();
        pool.stop();
        broker.close();
    }

    @Test
    void publishesValidReadingsAndRoutesRefusedOnesToTheInvalidQueue() throws Exception {
        broker.send(Destinations.READINGS_RAW, """
                {"readings":[
                  {"device":"d1","sensor":"current","value":250,"unit":"mA","time":"2026-11-22T00:59:00Z","seq":7},
                  {"device":"d1","sensor":"humidity","value":140,"time":"2026-11-22T00:59:00Z","seq":8}]}""",
                Headers.GATEWAY, "gw-1");

        TextMessage valid = (TextMessage) parsed.receive(10_000);
        ReadingBatch batch = Json.mapper().readValue(valid.getText(), ReadingBatch.class);
        assertThat(batch.readings()).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(0.25);
            assertThat(r.unit()).isEqualTo("A");
        });
        assertThat(valid.getStringProperty(Headers.GROUP)).isEqualTo("gw-1");
        assertThat(valid.getIntProperty(Headers.READINGS)).isEqualTo(1);

        TextMessage invalid = (TextMessage) broker.receive(Destinations.READINGS_INVALID, 10_000);
        JsonNode refused = Json.mapper().readTree(invalid.getText());
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).get("seq").asLong()).isEqualTo(8);
        assertThat(refused.get(0).get("field").asText()).isEqualTo("value");
    }

    /** Issue 13: a batch the push interface validated travels as bytes, routed without being parsed again. */
    @Test
    void routesAValidatedCompactBatchAsItIs() throws Exception {
        ReadingBatch pushed = new ReadingBatch("gw-1", java.util.List.of(new io.homegrid.model.Reading("d1",
                io.homegrid.model.SensorKind.POWER, 12.5, "W", Instant.parse("2026-11-22T00:59:00Z"), 9)));
        byte[] body = io.homegrid.model.bus.ReadingBatchCodec.encode(pushed);
        try (Connection connection = broker.connectionFactory().createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            javax.jms.BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            message.setStringProperty(Headers.GATEWAY, "gw-1");
            message.setStringProperty(Headers.FORM, io.homegrid.model.bus.ReadingBatchCodec.FORM);
            message.setIntProperty(Headers.READINGS, 1);
            session.createProducer(session.createQueue(Destinations.READINGS_RAW)).send(message);
        }

        javax.jms.BytesMessage routed = (javax.jms.BytesMessage) parsed.receive(10_000);
        byte[] out = new byte[(int) routed.getBodyLength()];
        routed.readBytes(out);
        assertThat(io.homegrid.model.bus.ReadingBatchCodec.decode(out)).isEqualTo(pushed);
        assertThat(routed.getStringProperty(Headers.FORM)).isEqualTo(io.homegrid.model.bus.ReadingBatchCodec.FORM);
        assertThat(routed.getStringProperty(Headers.GROUP)).isEqualTo("gw-1");
        assertThat(routed.getIntProperty(Headers.READINGS)).isEqualTo(1);
    }

    /** A JSON batch (one with refusals) keeps the push lane's group it came in: ordered with its gateway's envelopes. */
    @Test
    void aJsonBatchKeepsTheGroupItCameIn() throws Exception {
        broker.send(Destinations.READINGS_RAW, """
                {"readings":[{"device":"d1","sensor":"power","value":5,"time":"2026-11-22T00:59:00Z","seq":1}]}""",
                Headers.GATEWAY, "gw-1", Headers.GROUP, "push-lane-2");

        javax.jms.Message valid = parsed.receive(10_000);
        assertThat(valid.getStringProperty(Headers.GROUP)).isEqualTo("push-lane-2");
    }

    /**
     * Issue 13: batches the push interface wrote together go on as the one message they came in,
     * in the push lane's JMS group (a gateway's lane never changes, so its batches stay in order).
     */
    @Test
    void routesAnEnvelopeOfSeveralGatewaysBatchesWholeInItsLanesGroup() throws Exception {
        ReadingBatch one = new ReadingBatch("gw-1", java.util.List.of(new io.homegrid.model.Reading("d1",
                io.homegrid.model.SensorKind.POWER, 1, "W", Instant.parse("2026-11-22T00:59:00Z"), 1)));
        ReadingBatch two = new ReadingBatch("gw-2", java.util.List.of(new io.homegrid.model.Reading("d2",
                io.homegrid.model.SensorKind.POWER, 2, "W", Instant.parse("2026-11-22T00:59:00Z"), 1)));
        byte[] envelope = io.homegrid.model.bus.ReadingBatchCodec.encodeMany(java.util.List.of(
                new io.homegrid.model.bus.ReadingBatchCodec.Part("gw-1", 1, io.homegrid.model.bus.ReadingBatchCodec.encode(one)),
                new io.homegrid.model.bus.ReadingBatchCodec.Part("gw-2", 1, io.homegrid.model.bus.ReadingBatchCodec.encode(two))));
        try (Connection connection = broker.connectionFactory().createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            javax.jms.BytesMessage message = session.createBytesMessage();
            message.writeBytes(envelope);
            message.setStringProperty(Headers.FORM, io.homegrid.model.bus.ReadingBatchCodec.FORM_MANY);
            message.setStringProperty(Headers.GROUP, "push-lane-0");
            message.setIntProperty(Headers.READINGS, 2);
            message.setLongProperty(Headers.RECEIVED, 1234L);
            session.createProducer(session.createQueue(Destinations.READINGS_RAW)).send(message);
        }

        javax.jms.BytesMessage out = (javax.jms.BytesMessage) parsed.receive(10_000);
        byte[] body = new byte[(int) out.getBodyLength()];
        out.readBytes(body);
        assertThat(io.homegrid.model.bus.ReadingBatchCodec.decodeAll(body)).containsExactly(one, two);
        assertThat(out.getStringProperty(Headers.GROUP)).isEqualTo("push-lane-0");
        assertThat(out.getStringProperty(Headers.FORM)).isEqualTo(io.homegrid.model.bus.ReadingBatchCodec.FORM_MANY);
        assertThat(out.getIntProperty(Headers.READINGS)).isEqualTo(2);
        assertThat(out.getLongProperty(Headers.RECEIVED)).isEqualTo(1234L);
        assertThat(parsed.receive(500)).as("one message, not one per gateway").isNull();
    }

    /**
     * The raw message may leave its queue only in the transaction that publishes what came of
     * it: committed apart, a crash between the two commits loses a batch that was answered 202.
     */
    @Test
    void acknowledgesTheRawMessageInTheTransactionThatPublishesItsReadings() throws Exception {
        broker.send(Destinations.READINGS_RAW, """
                {"readings":[
                  {"device":"d1","sensor":"power","value":5,"time":"2026-11-22T00:59:00Z","seq":1},
                  {"device":"d1","sensor":"humidity","value":140,"time":"2026-11-22T00:59:00Z","seq":2}]}""",
                Headers.GATEWAY, "gw-1");

        // Dispatched only once committed, and the acknowledgement travels before the commit.
        assertThat(parsed.receive(10_000)).isNotNull();
        List<Operation> acks = transactions.on(Kind.ACK, Destinations.READINGS_RAW);
        assertThat(acks).singleElement().extracting(Operation::transaction).as("raw message acknowledged in a transaction")
                .isNotNull();
        TransactionId transaction = acks.get(0).transaction();
        assertThat(transactions.on(Kind.SEND, Destinations.READINGS_PARSED)).singleElement()
                .extracting(Operation::transaction).isEqualTo(transaction);
        assertThat(transactions.on(Kind.SEND, Destinations.READINGS_INVALID)).singleElement()
                .extracting(Operation::transaction).isEqualTo(transaction);
    }

    @Test
    void aPoisonMessageIsRecordedAsInvalidAndTheNextOneStillFlows() throws Exception {
        broker.send(Destinations.READINGS_RAW, "\u0000garbage", Headers.GATEWAY, "gw-1");
        broker.send(Destinations.READINGS_RAW,
                "{\"readings\":[{\"device\":\"d1\",\"sensor\":\"power\",\"value\":5,\"time\":\"2026-11-22T00:59:00Z\",\"seq\":9}]}",
                Headers.GATEWAY, "gw-1");

        TextMessage invalid = (TextMessage) broker.receive(Destinations.READINGS_INVALID, 10_000);
        assertThat(Json.mapper().readTree(invalid.getText()).get(0).get("field").asText()).isEqualTo("body");
        assertThat(parsed.receive(10_000)).isNotNull();
    }
}
