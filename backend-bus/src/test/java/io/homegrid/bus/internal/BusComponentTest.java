package io.homegrid.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.bus.BusConnections;
import io.homegrid.bus.BusSettings;
import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;

/** The bus bundle's DS component without a container: a real embedded broker in a temporary directory. */
class BusComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private final BusComponent component = new BusComponent();

    @Test
    void itsDefaultsAreTheSettingsRecords(@TempDir Path karafData) {
        assertThat(BusComponent.settings(ComponentConfig.defaults(BusConfig.class), karafData)).isEqualTo(
                BusSettings.embedded(BusSettings.DEFAULT_BROKER_NAME, karafData.resolve("homegrid").resolve("broker"),
                        EmbeddedBroker.Ports.NONE));
    }

    @Test
    void activationStartsTheBrokerAndOffersBothKindsOfFactory(@TempDir Path store) throws Exception {
        component.activate(ComponentConfig.of(BusConfig.class).with("brokerName", "bus-component-test")
                .with("dataDirectory", store.toString()).build(), bundle.context());
        try {
            assertThat(bundle.registered()).extracting(r -> (Object) r.properties().get(BusConnections.KIND))
                    .containsExactly(BusConnections.PLAIN, BusConnections.POOLED, null);
            // and how full its store is, for the push interface's back-pressure (issue 13)
            assertThat(bundle.registered().get(2).service()).isSameAs(component.service());
            assertThat(((io.homegrid.bus.BrokerLoad) bundle.registered().get(2).service()).storePercentUsage()).isBetween(0, 100);
            ConnectionFactory plain = (ConnectionFactory) bundle.registered().get(0).service();
            ConnectionFactory pooled = (ConnectionFactory) bundle.registered().get(1).service();
            assertThat(plain).isSameAs(component.service().plain());
            assertThat(pooled).isSameAs(component.service().pooled());

            // A virtual-topic message published before any subscriber is kept in its durable queue.
            try (Connection producer = pooled.createConnection()) {
                Session session = producer.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createTopic("readings.parsed")).send(session.createTextMessage("kept"));
            }
            try (Connection consumer = plain.createConnection()) {
                consumer.start();
                Session session = consumer.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer queue = session.createConsumer(session.createQueue(BusSettings.QUEUE_CEP_READINGS));
                assertThat(((TextMessage) queue.receive(10_000)).getText()).isEqualTo("kept");
            }
        } finally {
            component.deactivate();
        }
        assertThat(bundle.unregistered()).hasSize(3);
        assertThat(component.service().embeddedBrokerRunning()).isFalse();
    }
}
