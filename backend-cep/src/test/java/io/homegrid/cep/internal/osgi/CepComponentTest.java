package io.homegrid.cep.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.cep.CepService;
import io.homegrid.cep.CepSettings;
import io.homegrid.cep.StatementAdmin;
import io.homegrid.cep.StatementInfo;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.TestPostgres;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;

/** The CEP bundle's DS component without a container: a real broker and PostgreSQL. */
class CepComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private final CepComponent component = new CepComponent();
    private TestBroker broker;

    @BeforeEach
    void givenAMigratedDatabaseAndABroker() throws Exception {
        DataSource database = TestPostgres.freshDatabase();
        SchemaMigrator.migrate(database);
        broker = new TestBroker();
        component.dataSource = database;
        component.connectionFactory = broker.connectionFactory();
    }

    @AfterEach
    void stop() throws Exception {
        if (component.service() != null && bundle.unregistered().isEmpty()) {
            component.deactivate();
        }
        broker.close();
    }

    @Test
    void itsDefaultsAreTheSettingsRecords() {
        assertThat(CepComponent.settings(ComponentConfig.defaults(CepComponent.Config.class))).isEqualTo(CepSettings.DEFAULT);
    }

    @Test
    void activationStartsTheCepServiceAndOffersItsStatementAdmin() throws Exception {
        component.activate(ComponentConfig.of(CepComponent.Config.class).with("latenessSeconds", 1).build(),
                bundle.context());

        StatementAdmin admin = bundle.service(StatementAdmin.class);
        assertThat(admin).isSameAs(component.service().admin());
        assertThat(admin.statements()).extracting(StatementInfo::name).contains("household-power-1m");

        broker.send(CepService.readingsQueue(), """
                {"gateway":"gw-1","readings":[{"device":"d1","sensor":"power","value":50,"unit":"W",
                "time":"%s","seq":1}]}""".formatted(Instant.now()), "JMSXGroupID", "gw-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> component.service().engine().processedReadings() == 1);

        // Issue 13: several gateways' batches written together arrive as one envelope; each is taken
        var now = Instant.now();
        var two = new io.homegrid.model.ReadingBatch("gw-2", java.util.List.of(
                new io.homegrid.model.Reading("d2", io.homegrid.model.SensorKind.POWER, 20, "W", now, 1)));
        var three = new io.homegrid.model.ReadingBatch("gw-3", java.util.List.of(
                new io.homegrid.model.Reading("d3", io.homegrid.model.SensorKind.POWER, 30, "W", now, 1),
                new io.homegrid.model.Reading("d3", io.homegrid.model.SensorKind.POWER, 31, "W", now.plusSeconds(1), 2)));
        try (javax.jms.Connection connection = broker.connectionFactory().createConnection();
                javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE)) {
            javax.jms.BytesMessage message = session.createBytesMessage();
            message.writeBytes(io.homegrid.model.bus.ReadingBatchCodec.encodeMany(java.util.List.of(
                    new io.homegrid.model.bus.ReadingBatchCodec.Part("gw-2", 1, io.homegrid.model.bus.ReadingBatchCodec.encode(two)),
                    new io.homegrid.model.bus.ReadingBatchCodec.Part("gw-3", 2, io.homegrid.model.bus.ReadingBatchCodec.encode(three)))));
            message.setStringProperty("JMSXGroupID", "push-lane-1");
            session.createProducer(session.createQueue(CepService.readingsQueue())).send(message);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> component.service().engine().processedReadings() == 4);

        component.deactivate();
        assertThat(bundle.unregistered()).hasSize(1);
    }
}
