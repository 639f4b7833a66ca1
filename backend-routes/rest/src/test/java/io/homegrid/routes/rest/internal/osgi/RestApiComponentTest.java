package io.homegrid.routes.rest.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;


import org.apache.activemq.pool.PooledConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.json.Json;
import io.homegrid.model.validation.Limits;
import io.homegrid.routes.rest.RestSettings;
import io.homegrid.testing.PushBodies;
import io.homegrid.security.test.AccessFixture;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.TestPostgres;
import io.homegrid.testing.osgi.ComponentConfig;

/** The REST bundle's DS component without a container: a real broker, PostgreSQL and Jetty. */
class RestApiComponentTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private TestBroker broker;
    private PooledConnectionFactory pool;
    private RestApiComponent component;
    private String base;
    private AccessFixture identities;

    @BeforeEach
    void givenItsStaticReferences() throws Exception {
        broker = new TestBroker();
        pool = new PooledConnectionFactory(broker.connectionFactory());
        component = new RestApiComponent();
        component.connectionFactory = pool;
        component.dataSource = TestPostgres.freshDatabase();
        identities = AccessFixture.on(component.dataSource);
        component.access = identities.access();
        component.limits = Limits.DEFAULT;
        try (ServerSocket free = new ServerSocket(0)) {
            base = "http://127.0.0.1:" + free.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (component.service() != null) {
            component.deactivate();
        }
        pool.stop();
        broker.close();
    }

    @Test
    void itsDefaultsAreTheSettingsRecords() {
        assertThat(RestApiComponent.settings(ComponentConfig.defaults(RestConfig.class), Limits.DEFAULT))
                .isEqualTo(RestSettings.DEFAULT);
    }

    /** Drift 1 of issue 10, the push side: the limit is the shared Limits service, not a setting of its own. */
    @Test
    void acceptsABatchUpToTheSharedLimitAndPutsItOnTheBus() throws Exception {
        component.limits = Limits.DEFAULT.withMaxBatchSize(2_000);
        activate();

        HttpResponse<String> pushed = post("/api/v1/gateways/gw-1/readings", PushBodies.powerBatch("gw-1", 1_500));

        assertThat(pushed.statusCode()).isEqualTo(202);
        assertThat(Json.mapper().readTree(pushed.body()).get("accepted").asInt()).isEqualTo(1_500);
        // all valid: in the compact bus form, in an envelope of the pushes written together (one here)
        javax.jms.Message raw = broker.receive(Destinations.READINGS_RAW, 10_000);
        assertThat(raw).isInstanceOf(javax.jms.BytesMessage.class);
        byte[] body = new byte[(int) ((javax.jms.BytesMessage) raw).getBodyLength()];
        ((javax.jms.BytesMessage) raw).readBytes(body);
        assertThat(raw.getStringProperty("form")).isEqualTo(io.homegrid.model.bus.ReadingBatchCodec.FORM_MANY);
        var parts = io.homegrid.model.bus.ReadingBatchCodec.decodeMany(body);
        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.gateway()).isEqualTo("gw-1");
            assertThat(io.homegrid.model.bus.ReadingBatchCodec.decode(part.batch()).readings()).hasSize(1_500);
        });
        assertThat(post("/api/v1/gateways/gw-1/readings", PushBodies.powerBatch("gw-1", 2_001)).statusCode()).isEqualTo(413);
    }

    @Test
    void healthNamesTheServicesThatAreNotThereYet() throws Exception {
        activate();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode checks = Json.mapper().readTree(health.body()).get("checks");
        assertThat(checks.get("broker").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("database").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("routes").get("problem").asText()).isEqualTo("the Sensor Data Parser is not running");
    }

    private void activate() {
        component.activate(ComponentConfig.of(RestConfig.class).with("address", base + "/").build());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", identities.gateway("gw-1"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
