package io.homegrid.persistence.internal.osgi;

import static io.homegrid.persistence.Fixtures.T0;
import static io.homegrid.persistence.Fixtures.batch;
import static io.homegrid.persistence.Fixtures.json;
import static io.homegrid.persistence.Fixtures.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.bus.Headers;
import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.PersistenceConnector;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.TestPostgres;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;

/** The persistence bundle's DS component without a container: a real broker and PostgreSQL. */
class PersistenceComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private final PersistenceComponent component = new PersistenceComponent();
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
        assertThat(PersistenceComponent.settings(ComponentConfig.defaults(PersistenceConfig.class)))
                .isEqualTo(PersistenceSettings.DEFAULT);
    }

    @Test
    void activationStartsThePersistenceServiceAndOffersItsRepository() throws Exception {
        component.activate(ComponentConfig.defaults(PersistenceConfig.class), bundle.context());

        broker.send(PersistenceConnector.readingsQueue(), json(batch("gw-1", power("d1", 10, T0, 1))),
                Headers.GATEWAY, "gw-1");

        SensorDataRepository repository = bundle.service(SensorDataRepository.class);
        await().untilAsserted(() -> assertThat(repository.readingCount()).isEqualTo(1));
        assertThat(bundle.service(IngestStats.class)).isSameAs(component.service().connector());
        assertThat(bundle.service(IngestStats.class).running()).isTrue();

        component.deactivate();
        assertThat(bundle.unregistered()).hasSize(2);
        assertThat(component.service().connector().running()).isFalse();
    }

    @Test
    void pausedItConsumesNothing() throws Exception {
        component.activate(ComponentConfig.of(PersistenceConfig.class).with("paused", true).build(), bundle.context());

        assertThat(bundle.service(IngestStats.class).running()).isFalse();
    }
}
