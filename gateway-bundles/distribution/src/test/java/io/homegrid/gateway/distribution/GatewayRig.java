package io.homegrid.gateway.distribution;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.BackendConfig;
import io.homegrid.launcher.EmbeddedBackend;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.model.json.Json;
import io.homegrid.security.test.AccessFixture;

/**
 * What a distribution test runs the gateway against: an embedded backend (real PostgreSQL and
 * ActiveMQ) and the XBee simulator with 15 plugs; and what it checks the gateway by.
 */
final class GatewayRig implements AutoCloseable {

    private final EmbeddedBackend backend;
    private final XBeeSimulator simulator;
    private final AccessFixture identities;
    private final HttpClient http;

    private GatewayRig(EmbeddedBackend backend, XBeeSimulator simulator) throws Exception {
        this.backend = backend;
        this.simulator = simulator;
        this.identities = AccessFixture.around(backend.access());
        this.http = HttpClient.newBuilder().sslContext(PinnedCertificate.context(backend.tls().fingerprint())).build();
    }

    static GatewayRig start(Path dir) throws Exception {
        EmbeddedBackend backend = EmbeddedBackend.start(BackendConfig.defaults(freePort(), dir.resolve("backend")));
        XBeeSimulator simulator = XBeeSimulator.start(new SimulatorConfig(0, 15, 1, Duration.ofMillis(500), 3,
                Clock.systemDefaultZone()));
        return new GatewayRig(backend, simulator);
    }

    /**
     * As an installer does: the radio, the backend's URL and fingerprint, and the secret the backend
     * answered when the gateway was registered, written into the gateway's configuration folder.
     */
    void configure(Path etc, String gateway) throws Exception {
        Files.writeString(etc.resolve("io.homegrid.gateway.xbee.cfg"), "radio = tcp://localhost:" + simulator.port() + "\n");
        Files.writeString(etc.resolve("io.homegrid.gateway.push.cfg"), "backend = " + backend.baseUrl()
                + "\ngateway = " + gateway + "\nintervalMillis = 200\ncommandWaitSeconds = 1\nsecret = "
                + identities.gatewaySecret(gateway) + "\nbackendFingerprint = " + backend.tls().fingerprint() + "\n");
    }

    /** Starts a gateway script with the test's Java first on the path, its output into {@code log}. */
    static Process launch(ProcessBuilder launcher, Path log) throws IOException {
        launcher.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = launcher.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        return launcher.start();
    }

    /**
     * The gateway's household joins a new community with these limits, as its admin would on the
     * API; the backend's signals then carry them to the gateway's community agent.
     */
    void joinCommunity(String gateway, String community, double limitWatts, double lowerLimitWatts) {
        var access = backend.access().access();
        String household = access.directory().gateway(gateway).orElseThrow().household();
        access.communities().create(new io.homegrid.security.Community(community, community, null, limitWatts,
                lowerLimitWatts, null));
        access.communities().join(community, household, "installer test");
    }

    XBeeSimulator simulator() {
        return simulator;
    }

    /** count, distinct seq and highest seq of a gateway's readings in PostgreSQL. */
    long[] storedRows(String gateway) throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                PreparedStatement s = c.prepareStatement("SELECT count(*), count(DISTINCT seq), coalesce(max(seq), 0)"
                        + " FROM reading WHERE gateway_id = ?")) {
            s.setString(1, gateway);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    long stored(String gateway) throws Exception {
        return storedRows(gateway)[0];
    }

    /** A backend API answer, asked as the operator. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + path))
                .header("Authorization", identities.operator()).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }

    /** A backend API call as the operator; {@code body} JSON or null. */
    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return body == null ? call(method, path, null, null)
                : call(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** The same with a body of this type (null: none). */
    HttpResponse<String> call(String method, String path, byte[] body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.baseUrl() + path))
                .header("Authorization", identities.operator()).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Readings still in a gateway's SQLite cache (a second reader is fine with WAL). */
    static long cached(Path cacheFile) throws Exception {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + cacheFile, new java.util.Properties());
                java.sql.Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A local console page; HTTP Basic when a user is given; {@code ?post=true} is the console's form request. */
    static HttpResponse<String> console(int port, String path, String user, String password) throws Exception {
        return console(port, path, user, password, path.contains("?post=true") ? "" : null);
    }

    /** The same with a form posted ({@code form} null: a GET). */
    static HttpResponse<String> console(int port, String path, String user, String password, String form)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (form != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Below the kernel's ephemeral range, where no outgoing connection takes it before the server binds. */
    static int freePort() {
        return FreePorts.next();
    }

    @Override
    public void close() throws IOException {
        simulator.close();
        backend.close();
    }
}
