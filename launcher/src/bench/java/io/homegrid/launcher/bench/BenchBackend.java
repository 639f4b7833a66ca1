package io.homegrid.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.launcher.Http;
import io.homegrid.model.json.Json;
import io.homegrid.security.BasicCredentials;

/**
 * A backend the benchmark started in another process, reached as its users reach it: over HTTPS
 * pinned to its certificate, as the first operator (password from its owner-only file) with a
 * token, and as gateways it registered, each with its own secret.
 */
final class BenchBackend {

    private final HttpClient http;
    private final String base;
    private final String operator;

    private BenchBackend(HttpClient http, String base, String operator) {
        this.http = http;
        this.base = base;
        this.operator = operator;
    }

    /** The backend's plain HTTP port on loopback ({@code --http-port}). */
    static BenchBackend awaitPlain(Process backend, int httpPort, Path dataDir) throws Exception {
        return await(backend, dataDir, false, "http://127.0.0.1:" + httpPort);
    }

    /** Waits until the backend is healthy, then logs in. Karaf serves plain HTTP (pax-web), embedded HTTPS. */
    static BenchBackend await(Process backend, int port, Path dataDir, boolean tls) throws Exception {
        return await(backend, dataDir, tls, (tls ? "https" : "http") + "://localhost:" + port);
    }

    private static BenchBackend await(Process backend, Path dataDir, boolean tls, String base) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        if (tls) {
            Path pem = dataDir.resolve("tls").resolve("backend.pem");
            while (!Files.exists(pem) && backend.isAlive() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            client.sslContext(PinnedCertificate.context(Http.fingerprintIn(dataDir)));
        }
        HttpClient http = client.build();
        while (System.nanoTime() < deadline && backend.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new BenchBackend(http, base, login(http, base, adminPassword(dataDir)));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("backend did not become healthy");
    }

    HttpClient http() {
        return http;
    }

    String base() {
        return base;
    }

    /** An operator's {@code Authorization} header (a token: polling with it costs no bcrypt check). */
    String operator() {
        return operator;
    }

    /** Registers the gateway in the default household and answers its {@code Authorization} header. */
    String registerGateway(String gateway) throws IOException, InterruptedException {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/households/default/gateways")).header("Content-Type", "application/json")
                .header("Authorization", operator)
                .POST(HttpRequest.BodyPublishers.ofString("{\"gateway\":\"" + gateway + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("registering " + gateway + " answered " + registered.statusCode() + ": "
                    + registered.body());
        }
        String secret = Json.mapper().readTree(registered.body()).get("secret").asText();
        return new BasicCredentials(gateway, secret).header();
    }

    /** Embedded: beside the data; Karaf: in the security bundle's data area under it. */
    private static String adminPassword(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            Path file = files.filter(f -> f.getFileName().toString().equals("admin.password")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no admin.password under " + dataDir));
            return Files.readString(file).strip();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String login(HttpClient http, String base, String password) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("log-in as admin answered " + token.statusCode() + ": " + token.body());
        }
        return "Bearer " + Json.mapper().readTree(token.body()).get("access_token").asText();
    }
}
