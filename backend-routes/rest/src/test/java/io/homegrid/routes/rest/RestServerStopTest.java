package io.homegrid.routes.rest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTopic;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.bus.Destinations;
import io.homegrid.routes.rest.internal.Access;
import io.homegrid.routes.rest.internal.CommandChannelResource;
import io.homegrid.routes.rest.internal.ConcurrentRequests;
import io.homegrid.routes.rest.internal.LiveResource;
import io.homegrid.security.test.AccessFixture;
import io.homegrid.testing.TestBroker;
import io.homegrid.testing.TestPostgres;

/**
 * Stopping the server ends the requests that wait on the broker (a gateway's command long poll,
 * an application's live stream) with a normal answer, instead of leaving the HTTP server to wait
 * out their timeouts and interrupt them.
 */
class RestServerStopTest {

    private TestBroker broker;
    private PooledConnectionFactory pool;
    private Bus bus;
    private RestServer server;
    private String base;
    private final AccessFixture identities = AccessFixture.on(TestPostgres.freshDatabase());

    @BeforeEach
    void start() throws Exception {
        broker = new TestBroker();
        pool = new PooledConnectionFactory(broker.connectionFactory());
        bus = BusFactory.newInstance().createBus();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        ConcurrentRequests.Budget held = new ConcurrentRequests.Budget(RequestLimits.DEFAULT_HELD_REQUESTS);
        server = RestServer.start(bus, base + "/",
                List.of(new CommandChannelResource(new Access(identities.access()), new CommandBus(pool), 2, held),
                        new LiveResource(new Access(identities.access()), pool, 5, held)),
                RestApi.providers(identities.access(), RequestLimits.DEFAULT, new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() throws Exception {
        bus.shutdown(true);
        pool.stop();
        broker.close();
    }

    @Test
    void stoppingAnswersTheLongPollAndEndsTheLiveStream() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> poll = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/gateways/gw-1/commands?waitSeconds=30"))
                        .header("Authorization", identities.gateway("gw-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> live = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/live")).header("Authorization", identities.operator()).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                broker.consumers(new ActiveMQQueue(Destinations.gatewayCommands("gw-1"))) == 1
                        && broker.consumers(new ActiveMQTopic(Destinations.CEP_OUT)) == 1);

        server.close();

        // Well inside the poll's 30 s: only the stop can have answered it.
        assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).as("no command: the poll's normal answer").isEqualTo(204);
        HttpResponse<String> stream = live.get(10, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).startsWith(": homegrid live CEP outputs");
    }
}
