package io.homegrid.launcher.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.launcher.Main;
import io.homegrid.launcher.SharedBroker;
import io.homegrid.launcher.internal.DatabaseSupervisor;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.launcher.internal.TlsMaterial;
import io.homegrid.model.retry.Backoff;

/**
 * Several backend instances on one machine behind one HTTPS entry (issue 18): a pair of broker
 * processes on one store ({@code ./homegrid broker}; the second waits for the store's lock and
 * serves when the first dies), one PostgreSQL (the embedded one, in this
 * process, standing in for an external server), the instances as processes of their own (so that
 * one can be killed), and HAProxy in front. The one assembly of cluster mode: the command and
 * the tests start it.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final String BACKEND_READY = "homegrid backend ready";
    private static final String BROKER_READY = "homegrid broker ready";
    /** Where {@code ./homegrid broker --data-dir <dir>/broker} keeps the services password, under the cluster's dir. */
    private static final String BROKER_PASSWORD = "broker/services.password";

    private final ClusterSettings settings;
    private final TlsMaterial tls;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ChildProcess> instances = new ArrayList<>();
    private final List<Integer> instancePorts = new ArrayList<>();
    private final List<ChildProcess> brokers = new ArrayList<>();
    private String brokerUrl;

    private Cluster(ClusterSettings settings, TlsMaterial tls) {
        this.settings = settings;
        this.tls = tls;
    }

    public static Cluster start(ClusterSettings settings) throws Exception {
        Path dir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dir);
        Cluster cluster = new Cluster(settings, TlsMaterial.selfSigned(dir.resolve("tls")));
        try {
            cluster.startAll(dir);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(Path dir) throws Exception {
        DatabaseSupervisor database = DatabaseSupervisor.start(dir.resolve("postgres"));
        started.add(database);
        Path brokerDir = dir.resolve("broker");
        List<String> brokerUrls = new ArrayList<>();
        for (String name : List.of("broker-1", "broker-2")) {
            int brokerPort = FreePorts.next();
            ChildProcess broker = ChildProcess.start(name, java("broker", "--port", Integer.toString(brokerPort),
                    "--data-dir", brokerDir.toString()), Map.of(), dir.resolve(name + ".log"), BROKER_READY);
            started.add(broker);
            brokers.add(broker);
            brokerUrls.add("tcp://127.0.0.1:" + brokerPort);
            if (brokers.size() == 1) {
                // the standby never prints its ready line while the first holds the lock
                broker.awaitReady(120);
            }
        }
        brokerUrl = "failover:(" + String.join(",", brokerUrls) + ")?randomize=false&maxReconnectAttempts=-1";
        // one after the other: the first migrates the schema and creates the first operator
        for (int i = 1; i <= settings.instances(); i++) {
            int port = FreePorts.next();
            ChildProcess instance = ChildProcess.start("instance-" + i, java("backend", "--port", Integer.toString(port),
                    "--host", "127.0.0.1", "--data-dir", dir.resolve("instance-" + i).toString(),
                    "--jdbc-url", database.jdbcUrl(), "--jdbc-user", database.user(),
                    "--broker-url", brokerUrl, "--broker-password-file", dir.resolve(BROKER_PASSWORD).toString(),
                    "--tls-keystore", dir.resolve("tls/backend.p12").toString(),
                    "--tls-password-file", dir.resolve("tls/backend.p12.password").toString()),
                    Map.of("HOMEGRID_JDBC_PASSWORD", database.password()), dir.resolve("instance-" + i + ".log"),
                    BACKEND_READY);
            started.add(instance);
            instance.awaitReady(180);
            instances.add(instance);
            instancePorts.add(port);
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, haproxyConfig());
        ChildProcess haproxy = ChildProcess.start("haproxy", List.of("haproxy", "-db", "-f", config.toString()), Map.of(),
                dir.resolve("haproxy.log"), null);
        started.add(haproxy);
        awaitEntry(haproxy);
        LOG.info("Cluster of {} instance(s) ready at {}", settings.instances(), entryUrl());
    }

    private String haproxyConfig() throws IOException {
        String template;
        try (InputStream in = Cluster.class.getResourceAsStream("haproxy.cfg")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < instancePorts.size(); i++) {
            servers.append("    server instance-").append(i + 1).append(" 127.0.0.1:").append(instancePorts.get(i))
                    .append('\n');
        }
        return template.replace("@ENTRY_PORT@", Integer.toString(settings.entryPort()))
                .replace("@SERVERS@", servers.toString());
    }

    /** Until the entry answers /health through HAProxy, or a minute has passed. */
    private void awaitEntry(ChildProcess haproxy) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(PinnedCertificate.context(tls.fingerprint()))
                .connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        while (true) {
            if (!haproxy.alive()) {
                throw new IllegalStateException("HAProxy ended; see " + settings.dataDir().resolve("haproxy.log"));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(entryUrl() + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                LOG.debug("Entry not answering yet: {}", e.getMessage());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the entry " + entryUrl() + " did not answer /health within 60 s");
            }
            Thread.sleep(backoff.failed().toMillis());
        }
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The broker the instances share, as they connect to it: for a test to look at its queues. */
    public SharedBroker broker() {
        return SharedBroker.at(brokerUrl, settings.dataDir().resolve(BROKER_PASSWORD));
    }

    /** {@code https://localhost:<entry port>}. */
    public String entryUrl() {
        return "https://localhost:" + settings.entryPort();
    }

    /** The certificate every instance serves, for clients to pin. */
    public TlsMaterial tls() {
        return tls;
    }

    /** The backend instances, in the order they started. */
    public List<ChildProcess> instances() {
        return List.copyOf(instances);
    }

    /** The broker pair: the first serves, the second is its standby. */
    public List<ChildProcess> brokers() {
        return List.copyOf(brokers);
    }

    /** {@code https://localhost:<port>} of one instance, bypassing the entry. */
    public String instanceUrl(int index) {
        return "https://localhost:" + instancePorts.get(index);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping part of the cluster failed", e);
            }
        }
        started.clear();
    }
}
