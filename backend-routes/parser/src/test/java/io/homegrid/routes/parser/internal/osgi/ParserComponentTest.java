package io.homegrid.routes.parser.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;


import javax.jms.Connection;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.pool.PooledConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.ReadingBatch;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.json.Json;
import io.homegrid.model.validation.Limits;
import io.homegrid.routes.parser.ParserService;
import io.homegrid.routes.parser.ParserSettings;
import io.homegrid.testing.PushBodies;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;

/** The parser's DS component without a container: a real broker, a plain Camel context. */
class ParserComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private TestBroker broker;
    private PooledConnectionFactory pool;
    private ParserComponent component;

    @BeforeEach
    void givenABroker() throws Exception {
        broker = new TestBroker();
        pool = new PooledConnectionFactory(broker.connectionFactory());
        component = new ParserComponent();
        component.connectionFactory = pool;
        component.contexts = context -> new DefaultCamelContext();
        component.limits = Limits.DEFAULT;
    }

    @AfterEach
    void stop() throws Exception {
        if (component.service() != null && bundle.unregistered().isEmpty()) {
            component.deactivate();
        }
        pool.stop();
        broker.close();
    }

    @Test
    void itsDefaultsAreTheSettingsRecords() {
        assertThat(ParserComponent.settings(ComponentConfig.defaults(ParserConfig.class), Limits.DEFAULT)).isEqualTo(ParserSettings.DEFAULT);
    }

    @Test
    void activationStartsTheParserServiceAndOffersItsContext() throws Exception {
        component.activate(ComponentConfig.of(ParserConfig.class).with("consumers", 3).build(), bundle.context());

        assertThat(component.service().settings().consumers()).isEqualTo(3);
        CamelContext camel = bundle.service(CamelContext.class);
        assertThat(camel).isSameAs(component.service().camel());
        assertThat(bundle.registered().get(0).properties().get("camel.context.name")).isEqualTo(ParserService.CONTEXT_NAME);
        assertThat(camel.getRouteController().getRouteStatus(ParserService.ROUTE_ID)).isEqualTo(ServiceStatus.Started);

        component.deactivate();
        assertThat(bundle.unregistered()).hasSize(1);
        assertThat(camel.isStopped()).isTrue();
    }

    /**
     * Drift 1 of issue 10: the REST API took its batch limit from the configuration while the
     * parser kept the built-in 1,000, so a 1,500-reading batch was answered 202 and then refused
     * whole. The parser now takes the one {@link Limits} service the REST API takes.
     */
    @Test
    void aRaisedBatchLimitGovernsTheParserToo() throws Exception {
        component.limits = Limits.DEFAULT.withMaxBatchSize(2_000);
        component.activate(ComponentConfig.defaults(ParserConfig.class), bundle.context());
        Connection connection = broker.connectionFactory().createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer parsed = session.createConsumer(session.createTopic(Destinations.READINGS_PARSED));
            connection.start();

            broker.send(Destinations.READINGS_RAW, PushBodies.powerBatch("gw-1", 1_500), Headers.GATEWAY, "gw-1");

            TextMessage valid = (TextMessage) parsed.receive(20_000);
            assertThat(valid).as("readings published to readings.parsed").isNotNull();
            assertThat(Json.mapper().readValue(valid.getText(), ReadingBatch.class).readings()).hasSize(1_500);
        } finally {
            connection.close();
        }
    }
}
