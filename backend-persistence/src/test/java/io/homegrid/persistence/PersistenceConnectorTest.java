package io.homegrid.persistence;

import static io.homegrid.persistence.Fixtures.T0;
import static io.homegrid.persistence.Fixtures.batch;
import static io.homegrid.persistence.Fixtures.json;
import static io.homegrid.persistence.Fixtures.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.DeviceBatch;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.InvalidReading;
import io.homegrid.model.SensorDescription;
import io.homegrid.model.SensorKind;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.TestPostgres;

class PersistenceConnectorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

    private final DataSource database = TestPostgres.freshDatabase();
    private final OutageDataSource outage = new OutageDataSource(database);
    private TestBroker broker;
    private EntityManagerFactory jpa;
    private PersistenceConnector connector;
    private SensorDataRepository repository;

    @BeforeEach
    void start() throws Exception {
        SchemaMigrator.migrate(database);
        broker = new TestBroker();
        jpa = SensorDataRepositories.openPersistenceUnit(database);
        repository = SensorDataRepositories.create(database, jpa);
        connector = new PersistenceConnector(broker.connectionFactory(), outage, jpa, PersistenceSettings.DEFAULT,
                Clock.fixed(NOW, ZoneOffset.UTC));
        connector.start();
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        jpa.close();
        broker.close();
    }

    @Test
    void storesParsedReadingsFromItsQueue() throws Exception {
        sendReadings(batch("gw-1", power("d1", 10, T0, 1), power("d1", 20, T0.plusSeconds(2), 2)));

        // The connector counts a batch once its transaction has committed, so its count may trail the rows.
        await().untilAsserted(() -> {
            assertThat(repository.readingCount()).isEqualTo(2);
            assertThat(connector.readingsStored()).isEqualTo(2);
        });
        assertThat(repository.gateways()).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo("gw-1");
            assertThat(g.devices()).isEqualTo(1);
        });
    }

    /** Issue 13: concurrent pushes written together reach persistence as one envelope of several gateways' batches. */
    @Test
    void storesEveryBatchOfAnEnvelopeOfSeveralGateways() throws Exception {
        var one = batch("gw-1", power("d1", 10, T0, 1));
        var two = batch("gw-2", power("d2", 20, T0, 1), power("d2", 30, T0.plusSeconds(2), 2));
        byte[] envelope = ReadingBatchCodec.encodeMany(List.of(
                new ReadingBatchCodec.Part("gw-1", 1, ReadingBatchCodec.encode(one)),
                new ReadingBatchCodec.Part("gw-2", 2, ReadingBatchCodec.encode(two))));
        try (Connection connection = broker.connectionFactory().createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(envelope);
            message.setStringProperty(Headers.FORM, ReadingBatchCodec.FORM_MANY);
            message.setIntProperty(Headers.READINGS, 3);
            session.createProducer(session.createQueue(PersistenceConnector.readingsQueue())).send(message);
        }

        // The connector counts a batch once its transaction has committed, so its count may trail the rows.
        await().untilAsserted(() -> {
            assertThat(repository.readingCount()).isEqualTo(3);
            assertThat(connector.readingsStored()).isEqualTo(3);
        });
        assertThat(repository.gateways()).extracting(g -> g.id()).containsExactlyInAnyOrder("gw-1", "gw-2");
    }

    @Test
    void dropsRedeliveredReadingsAsDuplicates() throws Exception {
        var pushed = batch("gw-1", power("d1", 10, T0, 1));
        for (int i = 0; i < 3; i++) {
            sendReadings(pushed);
        }

        await().untilAsserted(() -> assertThat(connector.duplicatesDropped()).isEqualTo(2));
        assertThat(repository.readingCount()).isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndTheQueueMovesOn() throws Exception {
        broker.send(PersistenceConnector.readingsQueue(), "{not json", Headers.GATEWAY, "gw-bad");
        sendReadings(batch("gw-1", power("d1", 10, T0, 1)));

        await().untilAsserted(() -> assertThat(repository.readingCount()).isEqualTo(1));
        TextMessage dead = (TextMessage) broker.receive(Destinations.deadLetterQueue(PersistenceConnector.readingsQueue()),
                5_000);
        assertThat(dead.getText()).isEqualTo("{not json");
        assertThat(dead.getStringProperty(Headers.GATEWAY)).isEqualTo("gw-bad");
        assertThat(dead.getStringProperty("deadLetterReason")).contains("JsonParseException");
        assertThat(connector.messagesDeadLettered()).isEqualTo(1);
    }

    @Test
    void keepsEveryMessageThroughADatabaseOutage() throws Exception {
        outage.down(true);
        for (int seq = 1; seq <= 5; seq++) {
            sendReadings(batch("gw-1", power("d1", seq, T0.plusSeconds(seq), seq)));
        }
        await().until(() -> outage.refusedConnections() >= 3);

        outage.down(false);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(repository.readingCount()).isEqualTo(5));
        assertThat(connector.messagesDeadLettered()).isZero();
        assertThat(broker.receive("ActiveMQ.DLQ", 100)).isNull();
    }

    @Test
    void appliesDeviceDescriptionsAndMergesLatestValues() throws Exception {
        var fridge = new DeviceDescription("0013A20040A1B2C3", "smart-plug", "Fridge",
                List.of(new SensorDescription(SensorKind.POWER, "W"), new SensorDescription(SensorKind.TEMPERATURE, "°C")),
                true, DeviceState.JOINED);
        broker.send(Destinations.DEVICES, json(new DeviceBatch("gw-1", List.of(fridge))), Headers.GATEWAY, "gw-1");
        sendReadings(batch("gw-1", power("0013A20040A1B2C3", 87.5, T0, 1)));

        await().untilAsserted(() -> assertThat(repository.devicesOf("gw-1")).hasValueSatisfying(devices ->
                assertThat(devices).singleElement().satisfies(d -> {
                    assertThat(d.name()).isEqualTo("Fridge");
                    assertThat(d.state()).isEqualTo("joined");
                    assertThat(d.relay()).isTrue();
                    assertThat(d.lastSeen()).isEqualTo(T0);
                    assertThat(d.sensors()).containsExactly(new SensorView("power", "W", 87.5, T0, 1L),
                            new SensorView("temperature", "°C", null, null, null));
                })));

        broker.send(Destinations.DEVICES, json(new DeviceBatch("gw-1", List.of(new DeviceDescription(fridge.device(),
                fridge.type(), fridge.name(), fridge.sensors(), true, DeviceState.LEFT)))), Headers.GATEWAY, "gw-1");

        await().untilAsserted(() -> assertThat(repository.device(fridge.device())).hasValueSatisfying(
                d -> assertThat(d.state()).isEqualTo("left")));
    }

    @Test
    void keepsRefusedReadingsForInspection() throws Exception {
        var refused = new InvalidReading("gw-1", 3, "d1", 17L, "value", "NaN is not a measurement",
                Json.mapper().readTree("{\"device\":\"d1\",\"value\":\"NaN\"}"), NOW);
        broker.send(Destinations.READINGS_INVALID, json(List.of(refused)), Headers.GATEWAY, "gw-1");

        await().untilAsserted(() -> assertThat(repository.invalidReadings("gw-1", 10)).containsExactly(refused));
        assertThat(repository.invalidReadings("gw-other", 10)).isEmpty();
    }

    @Test
    void unknownGatewayHasNoDeviceList() {
        assertThat(repository.devicesOf("nobody")).isEmpty();
    }

    private void sendReadings(io.homegrid.model.ReadingBatch batch) throws Exception {
        broker.send(PersistenceConnector.readingsQueue(), json(batch), Headers.GATEWAY, batch.gateway());
    }
}
