package io.homegrid.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.jms.JMSException;
import javax.sql.DataSource;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;

import io.homegrid.security.AccessControl;
import io.homegrid.security.test.AccessFixture;
import io.homegrid.testing.TestPostgres;

/**
 * Boots the homegrid Karaf distribution (the tarball the build produced) against a PostgreSQL
 * started by this test, and drives the backend over HTTP from inside the container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackendInKarafIT {

    private static final String PORT = "homegrid.test.http.port";
    private static final String BROKER_PORT = "homegrid.test.broker.port";
    /** Above the built-in 1,000: the push interface and the parser must both take it. */
    private static final int RAISED_BATCH_LIMIT = 2_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = "(dataSourceName=homegrid)", timeout = 120_000)
    private DataSource database;

    @Inject
    @Filter(timeout = 120_000)
    private AccessControl access;

    /** A gateway's secret and an operator's token, straight from the backend's access service. */
    private static AccessFixture identities;

    @Before
    public void identities() {
        identities = AccessFixture.around(access);
    }

    @Configuration
    public Option[] configuration() throws IOException {
        String jdbcUrl = TestPostgres.jdbcUrl(TestPostgres.freshDatabase());
        String httpPort = freePort();
        String brokerPort = freePort();
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("homegrid.distribution")).toURI().toString())
                        .name("homegrid").karafVersion("4.4.10")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.datasource-homegrid.cfg", "url", jdbcUrl),
                editConfigurationFilePut("etc/org.ops4j.datasource-homegrid.cfg", "user", "postgres"),
                editConfigurationFilePut("etc/org.ops4j.datasource-homegrid.cfg", "password", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                editConfigurationFilePut("etc/io.homegrid.ingest.cfg", "maxBatchSize", String.valueOf(RAISED_BATCH_LIMIT)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                editConfigurationFilePut("etc/io.homegrid.bus.cfg", "tcpPort", brokerPort),
                systemProperty(PORT).value(httpPort),
                systemProperty(BROKER_PORT).value(brokerPort),
                mavenBundle("org.hamcrest", "hamcrest", System.getProperty("hamcrest.version")),
                mavenBundle("org.awaitility", "awaitility", System.getProperty("awaitility.version")));
    }

    /** The bus component is wired to access control: outside clients log in with their own credentials. */
    @Test
    public void brokerClientsFromOutsideLogInAsApplications() throws Exception {
        String secret = access.directory().registerApplication("karaf-broker-app", "reads cep.out over OpenWire");
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + System.getProperty(BROKER_PORT));

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            try (javax.jms.Connection connection = broker.createConnection("karaf-broker-app", secret)) {
                connection.start();
                javax.jms.Session session = connection.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                session.createConsumer(session.createTopic("cep.out")).close();
            }
        });
        assertThrows(JMSException.class, () -> {
            try (javax.jms.Connection connection = broker.createConnection("karaf-broker-app", "guess")) {
                connection.start();
            }
        });
    }

    @Test
    public void pushedReadingsAreStoredInPostgresAndQueryable() throws Exception {
        awaitHealthy();
        Pusher gateway = new Pusher(port(), "gw-karaf", 10);

        assertEquals(202, gateway.pushOnce());

        await().atMost(Duration.ofSeconds(60)).until(() -> rows("gw-karaf") == 10);
        HttpResponse<String> latest = get("/api/v1/devices/gw-karaf-plug-0/latest");
        assertEquals(200, latest.statusCode());
        assertTrue(latest.body(), latest.body().contains("\"gateway\":\"gw-karaf\""));
        // Micrometer and the Prometheus client travel inside the REST bundle (its bnd.bnd)
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body(), metrics.body().contains("homegrid_readings_stored_total ")
                && metrics.body().contains("homegrid_destination_enqueued_total{destination=\"readings.raw\""));
        // swagger-core's reader and Swagger UI's files travel inside it too
        HttpResponse<String> document = get("/api/v1/openapi.json");
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("\"/api/v1/households/{householdId}/profile\""));
        assertEquals(200, get("/api/docs/swagger-ui-bundle.js").statusCode());
        // the dashboard and Apache ECharts' file too
        HttpResponse<String> dashboard = get("/");
        assertEquals(200, dashboard.statusCode());
        assertTrue(dashboard.body(), dashboard.body().contains("ui/app.js"));
        assertEquals(200, get("/ui/echarts.min.js").statusCode());
        // the data sharing bundle offers its webhooks (503 while it is not running)
        HttpResponse<String> sharing = get("/api/v1/households/default/sharing");
        assertEquals(sharing.body(), 200, sharing.statusCode());
    }

    /**
     * Drift 1 of issue 10: the REST bundle took its batch limit from its own configuration while
     * the parser kept the built-in 1,000, so a 1,500-reading batch was answered 202 and then
     * refused whole. One configuration (io.homegrid.ingest) now governs both.
     */
    @Test
    public void aRaisedBatchLimitIsAcceptedAndStoredWhole() throws Exception {
        awaitHealthy();

        assertEquals(202, new Pusher(port(), "gw-karaf-limit", 1_500).pushOnce());

        await().atMost(Duration.ofSeconds(60)).until(() -> rows("gw-karaf-limit") == 1_500);
        assertEquals(413, new Pusher(port(), "gw-karaf-limit", RAISED_BATCH_LIMIT + 1).pushOnce());
    }

    /** Replay Control in Karaf: its DS component takes the command from the bus and sends the window again. */
    @Test
    public void aReplaySendsStoredReadingsThroughThePipelineAgainInKaraf() throws Exception {
        awaitHealthy();
        Instant from = Instant.now().minusSeconds(60);
        assertEquals(202, new Pusher(port(), "gw-karaf-replay", 10).pushOnce());
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("gw-karaf-replay") == 10);

        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port()
                + "/api/v1/replays")).header("Content-Type", "application/json")
                .header("Authorization", identities.operator()).POST(HttpRequest.BodyPublishers.ofString("{\"from\":\""
                        + from + "\",\"duration\":\"PT5M\",\"gateways\":[\"gw-karaf-replay\"],\"speed\":\"max\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(started.body(), 202, started.statusCode());
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM reading WHERE gateway_id = ? "
                + "AND replay_id IS NOT NULL", "gw-karaf-replay") == 10);
        assertEquals(20, rows("gw-karaf-replay"));
    }

    @Test
    public void theCepEngineRunsStatementsAddedThroughTheApiInKaraf() throws Exception {
        awaitHealthy();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/cep/statements").statusCode() == 200);
        assertTrue(get("/api/v1/cep/statements").body().contains("\"device-power-1m\""));
        Instant from = Instant.now().minusSeconds(60);

        // Esper compiles the statement to classes and loads them inside the container.
        HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port()
                + "/api/v1/cep/statements")).header("Content-Type", "application/json")
                .header("Authorization", identities.operator()).POST(HttpRequest.BodyPublishers
                .ofString("{\"name\":\"karaf-probe\",\"epl\":\"select gateway, device, value from PowerReading(value > 17)\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(added.body(), 201, added.statusCode());
        assertEquals(202, new Pusher(port(), "gw-karaf-cep", 10).pushOnce());

        // plugs 8 and 9 push 18 and 19 W
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String events = get("/api/v1/events?gateway=gw-karaf-cep&type=karaf-probe&from=" + from + "&to="
                    + Instant.now().plusSeconds(60)).body();
            assertTrue(events, events.contains("\"gw-karaf-cep-plug-8\"") && events.contains("\"gw-karaf-cep-plug-9\""));
            assertTrue(events, !events.contains("\"gw-karaf-cep-plug-7\""));
        });
    }

    @Test
    public void redeployingParserAndPersistenceWhileGatewaysPushLosesNoAcceptedReading() throws Exception {
        awaitHealthy();
        Pusher gateway = new Pusher(port(), "gw-redeploy", 5);
        Thread pushing = new Thread(gateway, "gateway-pusher");
        pushing.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.accepted() >= 50);
            redeploy("io.homegrid.backend.parser");
            long afterParser = gateway.accepted();
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.accepted() >= afterParser + 50);
            redeploy("io.homegrid.backend.persistence");
            long afterPersistence = gateway.accepted();
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.accepted() >= afterPersistence + 50);
        } finally {
            gateway.stop();
            pushing.join(TimeUnit.SECONDS.toMillis(30));
        }

        long accepted = gateway.accepted();
        await().atMost(Duration.ofSeconds(120)).until(() -> rows("gw-redeploy") == accepted);
        assertEquals("each accepted reading stored once", accepted, distinctSeqs("gw-redeploy"));
    }

    /** Updates a bundle and refreshes its wiring, as {@code bundle:update} does from the shell. */
    private void redeploy(String symbolicName) throws Exception {
        Bundle bundle = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName))
                .findFirst().orElseThrow();
        long before = bundle.getLastModified();
        bundle.update();
        assertTrue(symbolicName + " was updated", bundle.getLastModified() > before);
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> refreshed.countDown());
        assertTrue("refresh of " + symbolicName, refreshed.await(60, TimeUnit.SECONDS));
    }

    private void awaitHealthy() {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> get("/health").statusCode() == 200);
    }

    private long rows(String gateway) throws Exception {
        return count("SELECT count(*) FROM reading WHERE gateway_id = ?", gateway);
    }

    private long distinctSeqs(String gateway) throws Exception {
        return count("SELECT count(DISTINCT seq) FROM reading WHERE gateway_id = ?", gateway);
    }

    private long count(String sql, String gateway) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, gateway);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int port() {
        return Integer.getInteger(PORT);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Authorization", identities.operator())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    /**
     * A gateway: pushes batches with increasing sequence numbers and, like a real one, keeps a
     * batch until the backend answers 202, retrying whatever else it gets.
     */
    static final class Pusher implements Runnable {

        private final int port;
        private final String gateway;
        private final int batchSize;
        private final CountDownLatch stop = new CountDownLatch(1);
        private volatile long accepted;
        private long seq;

        Pusher(int port, String gateway, int batchSize) {
            this.port = port;
            this.gateway = gateway;
            this.batchSize = batchSize;
        }

        long accepted() {
            return accepted;
        }

        void stop() {
            stop.countDown();
        }

        @Override
        public void run() {
            try {
                while (stop.getCount() > 0) {
                    int status;
                    try {
                        status = pushOnce();
                    } catch (IOException backendAway) {
                        status = -1;
                    }
                    if (status != 202 && stop.await(100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Pushes the next batch; it counts as accepted, and the sequence moves on, only on 202. */
        int pushOnce() throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder("{\"readings\":[");
            String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            for (int i = 0; i < batchSize; i++) {
                body.append(i == 0 ? "" : ",").append("{\"device\":\"").append(gateway).append("-plug-").append(i)
                        .append("\",\"sensor\":\"power\",\"value\":").append(10 + i).append(",\"time\":\"").append(time)
                        .append("\",\"seq\":").append(seq + i).append('}');
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/gateways/" + gateway + "/readings"))
                    .header("Content-Type", "application/json").header("Authorization", identities.gateway(gateway))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                seq += batchSize;
                accepted += batchSize;
            }
            return response.statusCode();
        }
    }
}
