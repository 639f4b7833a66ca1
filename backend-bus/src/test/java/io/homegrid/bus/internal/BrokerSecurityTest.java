package io.homegrid.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.JMSSecurityException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
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
import io.homegrid.bus.OutsideClients;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;

/**
 * Every connection to the embedded broker authenticates; an outside client only reads cep.out,
 * only its gateways' messages, and loses its connection when what it may see changes. The
 * outside clients here are a table; the launcher's CepIT runs the same with access control.
 */
class BrokerSecurityTest {

    /**
     * A broker name of its own per test: ActiveMQ's in-JVM transport keeps its servers by name, and
     * a broker started under the name of one just stopped could find that one's server disposed.
     */
    private static final AtomicInteger BROKERS = new AtomicInteger();

    private String url;

    @TempDir
    Path store;
    private BusService bus;
    /** user → (password, gateways it may see; empty: all) */
    private final Map<String, Map.Entry<String, Optional<Set<String>>>> clients = new ConcurrentHashMap<>();
    /** Users whose login (a token) has expired. */
    private final Set<String> expired = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void givenTheBus() throws Exception {
        clients.put("app-a", Map.entry("secret-a", Optional.of(Set.of("gw-a"))));
        clients.put("operator", Map.entry("secret-o", Optional.empty()));
        OutsideClients outside = (user, password) -> Optional.ofNullable(clients.get(user))
                .filter(entry -> entry.getKey().equals(password)).map(entry -> new OutsideClients.Client() {
                    @Override
                    public String name() {
                        return user;
                    }

                    @Override
                    public Optional<Set<String>> gateways() {
                        return clients.get(user).getValue();
                    }

                    @Override
                    public boolean stillValid() {
                        return !expired.contains(user);
                    }
                });
        String name = "broker-security-test-" + BROKERS.incrementAndGet();
        url = "vm://" + name + "?create=false";
        bus = BusService.start(BusSettings.embedded(name, store, EmbeddedBroker.Ports.NONE), outside);
    }

    @AfterEach
    void stop() throws Exception {
        bus.close();
    }

    /**
     * The refusal comes as a JMSSecurityException, or as "disposed due to prior exception" when the
     * broker closes the transport before its answer arrives, so the test asks for a JMSException and
     * shows that the same client with the right password gets in.
     */
    @Test
    void anonymousAndWrongPasswordsAreRefused() throws Exception {
        assertThatThrownBy(() -> BusConnections.plain(url).createConnection().start()).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> BusConnections.plain(url, new BusCredentials(BusSettings.DEFAULT_SERVICES_USER, "guess"))
                .createConnection().start()).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> outside("app-a", "guess")).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> outside("nobody", "secret-a")).isInstanceOf(JMSException.class);
        outside("app-a", "secret-a").close();
    }

    @Test
    void anOutsideClientReadsOnlyItsGatewaysOutputsAndPublishesNothing() throws Exception {
        try (Connection app = outside("app-a", "secret-a"); Connection operator = outside("operator", "secret-o");
                Connection services = bus.plain().createConnection()) {
            Session session = app.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer outputs = session.createConsumer(session.createTopic(Destinations.CEP_OUT));
            Session operatorSession = operator.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer everything = operatorSession.createConsumer(operatorSession.createTopic(Destinations.CEP_OUT));

            publish(services, "gw-b", "of b");
            publish(services, null, "of no gateway");
            publish(services, "gw-a", "of a");

            assertThat(((TextMessage) outputs.receive(10_000)).getText()).isEqualTo("of a");
            assertThat(outputs.receiveNoWait()).isNull();
            assertThat(texts(everything, 3)).containsExactly("of b", "of no gateway", "of a");

            for (String destination : new String[] {Destinations.READINGS_RAW, Destinations.READINGS_PARSED}) {
                assertThatThrownBy(() -> session.createProducer(session.createQueue(destination))
                        .send(session.createTextMessage("{}"))).as(destination).isInstanceOf(JMSSecurityException.class);
            }
            assertThatThrownBy(() -> session.createProducer(session.createTopic(Destinations.CEP_OUT))
                    .send(session.createTextMessage("fake"))).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createTopic(">")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(BusSettings.QUEUE_PERSISTENCE_CEP)))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aClientWhoseGrantsChangeIsDisconnected() throws Exception {
        try (Connection app = outside("app-a", "secret-a")) {
            AtomicReference<JMSException> ended = new AtomicReference<>();
            app.setExceptionListener(ended::set);
            Session session = app.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic(Destinations.CEP_OUT));

            clients.put("app-a", Map.entry("secret-a", Optional.of(Set.of())));

            await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
        }
    }

    @Test
    void aClientWhoseLoginExpiresIsDisconnected() throws Exception {
        try (Connection operator = outside("operator", "secret-o")) {
            AtomicReference<JMSException> ended = new AtomicReference<>();
            operator.setExceptionListener(ended::set);
            Session session = operator.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createTopic(Destinations.CEP_OUT));

            expired.add("operator");

            await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
        }
    }

    private Connection outside(String user, String password) throws JMSException {
        Connection connection = BusConnections.plain(url, new BusCredentials(user, password)).createConnection();
        connection.start();
        return connection;
    }

    private static void publish(Connection services, String gateway, String text) throws JMSException {
        Session session = services.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createTopic(Destinations.CEP_OUT));
        Message message = session.createTextMessage(text);
        if (gateway != null) {
            message.setStringProperty(Headers.GATEWAY, gateway);
        }
        producer.send(message);
        session.close();
    }

    private static List<String> texts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(((TextMessage) consumer.receive(10_000)).getText());
        }
        return texts;
    }
}
