package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.bus.EmbeddedBroker;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;
import io.homegrid.security.AccessControl;
import io.homegrid.security.Grant;
import io.homegrid.security.Role;
import io.homegrid.security.Scope;
import io.homegrid.security.test.AccessFixture;

/**
 * MQTT and STOMP clients of the broker log in like API callers (a person, an application's client
 * credentials, or {@code Bearer} and a token) and receive on {@code cep/out} only the outputs of the
 * gateways their grants cover; nobody outside publishes into the bus.
 */
class BrokerAccessIT {

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static AccessControl access;
    private static int mqttPort;
    private static int stompPort;
    private static String householdA;
    private static String householdB;
    private static String appSecret;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        mqttPort = FreePorts.next();
        stompPort = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir)
                .withBrokerPorts(new EmbeddedBroker.Ports(0, mqttPort, stompPort)));
        http = Http.to(backend, port);
        AccessFixture fixture = AccessFixture.around(backend.access());
        access = backend.access().access();
        householdA = fixture.household("mqtt-a").id();
        householdB = fixture.household("mqtt-b").id();
        fixture.gatewaySecret("gw-mqtt-a", householdA);
        fixture.gatewaySecret("gw-mqtt-b", householdB);
        fixture.person("resident-b", Role.RESIDENT, householdB);
        appSecret = access.directory().registerApplication("mqtt-utility", "reads household A live");
        grantLive("mqtt-utility", householdA);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void eachClientReceivesOnlyWhatItsGrantsCover() throws Exception {
        List<JsonNode> app = new CopyOnWriteArrayList<>();
        List<JsonNode> withToken = new CopyOnWriteArrayList<>();
        List<JsonNode> residentB = new CopyOnWriteArrayList<>();
        MqttClient appClient = subscribed("app", "mqtt-utility", appSecret, app);
        MqttClient tokenClient = subscribed("app-token", "Bearer",
                access.clientToken("mqtt-utility", appSecret).value(), withToken);
        MqttClient residentClient = subscribed("resident", "resident-b", "resident-b-password", residentB);

        switchOn("gw-mqtt-b", 1);
        switchOn("gw-mqtt-a", 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> gateways(app).contains("gw-mqtt-a")
                && gateways(withToken).contains("gw-mqtt-a") && gateways(residentB).contains("gw-mqtt-b"));
        // The broker decided for every subscriber when it dispatched each output: B's has reached
        // its resident, so the application was never sent it.
        assertThat(gateways(app)).containsOnly("gw-mqtt-a");
        assertThat(gateways(withToken)).containsOnly("gw-mqtt-a");
        assertThat(gateways(residentB)).containsOnly("gw-mqtt-b");
        for (MqttClient client : List.of(appClient, tokenClient, residentClient)) {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aRevokedGrantEndsTheSubscription() throws Exception {
        String secret = access.directory().registerApplication("mqtt-revoked", "loses its grant");
        Grant grant = grantLive("mqtt-revoked", householdA);
        AtomicBoolean lost = new AtomicBoolean();
        MqttClient client = subscribed("revoked", "mqtt-revoked", secret, new CopyOnWriteArrayList<>());
        client.setCallback(new Callback(lost));

        assertThat(access.directory().revokeGrant(householdA, grant.id())).isPresent();

        await().atMost(Duration.ofSeconds(2)).untilTrue(lost);
        client.close();
    }

    @Test
    void missingWrongAndGatewayCredentialsAreRefused() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, "refused", new MemoryPersistence());

        assertThatThrownBy(client::connect).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client.connect(options("mqtt-utility", "guess"))).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> client.connect(options("Bearer", "not-a-token"))).isInstanceOf(MqttException.class);
        String gatewaySecret = AccessFixture.around(backend.access()).gatewaySecret("gw-mqtt-a");
        assertThatThrownBy(() -> client.connect(options("gw-mqtt-a", gatewaySecret))).isInstanceOf(MqttException.class);
        client.close();

        assertThat(stomp("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0")).startsWith("ERROR");
        assertThat(stomp(stompLogin("mqtt-utility", "guess"))).startsWith("ERROR");
    }

    /**
     * A publication into readings.parsed would be stored past all validation, and one into cep.out
     * would reach every subscriber. The broker refuses both (it still acknowledges the MQTT publish,
     * so the test watches what arrives instead).
     */
    @Test
    void noClientPublishesIntoTheBus() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        MqttClient subscriber = subscribed("subscriber", "mqtt-utility", appSecret, received);
        MqttClient forger = new MqttClient("tcp://127.0.0.1:" + mqttPort, "forger", new MemoryPersistence());
        forger.connect(options("mqtt-utility", appSecret));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String forged = batch("gw-mqtt-a", reading("forged", "power", "5", "W", now, 1000));

        forger.publish("readings/parsed", forged.getBytes(StandardCharsets.UTF_8), 1, false);
        forger.publish("readings/raw", forged.getBytes(StandardCharsets.UTF_8), 1, false);
        forger.publish("cep/out", "{\"statement\":\"forged\",\"gateway\":\"gw-mqtt-a\"}".getBytes(StandardCharsets.UTF_8),
                1, false);
        switchOn("gw-mqtt-a", 100);

        // The genuine output comes after the forged publications: had they passed, they would be here first.
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .anyMatch(o -> o.get("statement").asText().equals("device-switch")));
        assertThat(received).noneMatch(o -> o.get("statement").asText().equals("forged"));
        assertThat(http.get("/api/v1/gateways/gw-mqtt-a/devices").json().get("devices").findValuesAsText("device"))
                .doesNotContain("forged");
        forger.disconnect();
        forger.close();
        subscriber.disconnect();
        subscriber.close();

        assertThat(stomp(stompLogin("mqtt-utility", appSecret) + "SEND\ndestination:/topic/readings.parsed\nreceipt:r1\n\n"
                + forged + "\0")).startsWith("CONNECTED").contains("ERROR").doesNotContain("RECEIPT");
    }

    /** The live channel's device lists (every household's) are the backend services' only. */
    @Test
    void noOutsideClientReadsOrWritesTheLiveDeviceTopic() throws Exception {
        assertThat(stomp(stompLogin("mqtt-utility", appSecret) + "SUBSCRIBE\ndestination:/topic/devices.live\nid:1\n"
                + "receipt:s1\n\n\0")).startsWith("CONNECTED").contains("ERROR").doesNotContain("RECEIPT");
        assertThat(stomp(stompLogin("mqtt-utility", appSecret) + "SEND\ndestination:/topic/devices.live\nreceipt:r1\n\n"
                + "{\"gateway\":\"gw-mqtt-a\",\"devices\":[]}\0")).startsWith("CONNECTED").contains("ERROR")
                .doesNotContain("RECEIPT");
    }

    private static Grant grantLive(String application, String household) {
        return access.directory().grant(new Grant(0, household, application, Set.of(Scope.LIVE_READ), Set.of(), Set.of(),
                null, null, null, null));
    }

    /** A device that goes from standby to on: the built-in device-switch statement reports it. */
    private static void switchOn(String gateway, long seq) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(http.post("/api/v1/gateways/" + gateway + "/readings", batch(gateway,
                reading("lamp", "power", "1", "W", now, seq), reading("lamp", "power", "40", "W", now.plusMillis(100),
                        seq + 1))).status()).isEqualTo(202);
    }

    private static MqttClient subscribed(String clientId, String user, String password, List<JsonNode> received)
            throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, clientId, new MemoryPersistence());
        client.connect(options(user, password));
        client.subscribe("cep/out", (topic, message) -> received.add(Json.mapper().readTree(
                new String(message.getPayload(), StandardCharsets.UTF_8))));
        return client;
    }

    private static MqttConnectOptions options(String user, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        return options;
    }

    private static Set<String> gateways(List<JsonNode> outputs) {
        return Set.copyOf(outputs.stream().map(output -> output.path("gateway").asText()).toList());
    }

    private static String stompLogin(String user, String password) {
        return "CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + user + "\npasscode:" + password + "\n\n\0";
    }

    /** Sends raw STOMP frames and answers what the broker said until it closed or went quiet. */
    private static String stomp(String frames) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", stompPort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(frames.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int read; (read = socket.getInputStream().read(buffer)) > 0;) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (answer.indexOf("ERROR") >= 0 && answer.lastIndexOf("\0") > answer.indexOf("ERROR")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException quiet) {
                // The broker keeps a connection open after a refused frame; what it said so far is the answer.
            } catch (SocketException closed) {
                // It closed the connection after its ERROR frame.
            }
            return answer.toString();
        }
    }

    private record Callback(AtomicBoolean lost) implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            lost.set(true);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Only the connection matters here.
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Nothing is published.
        }
    }
}
