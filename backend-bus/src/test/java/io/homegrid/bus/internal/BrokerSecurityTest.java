package io.homegrid.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.jms.Connection;
import javax.jms.JMSSecurityException;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.bus.BusConnections;
import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.BusService;
import io.homegrid.bus.BusSettings;
import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.model.bus.Destinations;

/** Every connection to the embedded broker authenticates; the listener only reads cep.out. */
class BrokerSecurityTest {

    private static final String URL = "vm://broker-security-test?create=false";

    @TempDir
    Path store;
    private BusService bus;

    @BeforeEach
    void givenTheBus() throws Exception {
        bus = BusService.start(BusSettings.embedded("broker-security-test", store, EmbeddedBroker.Ports.NONE));
    }

    @AfterEach
    void stop() throws Exception {
        bus.close();
    }

    @Test
    void anonymousAndWrongPasswordsAreRefused() {
        assertThatThrownBy(() -> BusConnections.plain(URL).createConnection().start())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> BusConnections.plain(URL, new BusCredentials(BusSettings.DEFAULT_SERVICES_USER, "guess"))
                .createConnection().start()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void theListenerReadsCepOutputsButPublishesNothing() throws Exception {
        try (Connection listener = BusConnections.plain(URL, bus.listener()).createConnection();
                Connection services = bus.plain().createConnection()) {
            listener.start();
            Session session = listener.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer outputs = session.createConsumer(session.createTopic(Destinations.CEP_OUT));
            Session publisher = services.createSession(false, Session.AUTO_ACKNOWLEDGE);
            publisher.createProducer(publisher.createTopic(Destinations.CEP_OUT)).send(publisher.createTextMessage("out"));

            assertThat(((TextMessage) outputs.receive(10_000)).getText()).isEqualTo("out");
            for (String destination : new String[] {Destinations.READINGS_RAW, Destinations.READINGS_PARSED}) {
                assertThatThrownBy(() -> session.createProducer(session.createQueue(destination))
                        .send(session.createTextMessage("{}"))).as(destination).isInstanceOf(JMSSecurityException.class);
            }
            assertThatThrownBy(() -> session.createProducer(session.createTopic(Destinations.CEP_OUT))
                    .send(session.createTextMessage("fake"))).isInstanceOf(JMSSecurityException.class);
        }
    }
}
