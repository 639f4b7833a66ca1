package io.homegrid.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.homegrid.gateway.push.PinnedCertificate;
import io.homegrid.model.json.Json;

/** A small JSON-over-HTTP client for tests that talk to a running backend. */
public final class Http {

    /** The gateway's own endpoints, which only that gateway may call (a GET of its devices is an application's). */
    private static final Pattern GATEWAY_PATH = Pattern.compile("(?:POST /api/v1/gateways/([^/?]+)/(?:readings|devices).*)"
            + "|(?:\\w+ /api/v1/gateways/([^/?]+)/commands.*)");

    private final HttpClient client;
    private final String base;
    /** From "METHOD /path" to the Authorization header to send, or null for none. */
    private final Function<String, String> authorization;

    private Http(HttpClient client, String base, Function<String, String> authorization) {
        this.client = client;
        this.base = base;
        this.authorization = authorization;
    }

    /** A client that trusts only the backend's certificate, as a gateway pins it. */
    public static HttpClient pinned(String fingerprint) {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(PinnedCertificate.context(fingerprint))
                .build();
    }

    /** The SHA-256 fingerprint of the self-signed certificate a backend keeps in {@code dataDir/tls}. */
    public static String fingerprintIn(Path dataDir) {
        try (InputStream pem = Files.newInputStream(dataDir.resolve("tls").resolve("backend.pem"))) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("no backend certificate under " + dataDir, e);
        }
    }

    /**
     * Calls a gateway's own endpoints as that gateway (registered on first use) and everything
     * else as an operator; {@code identities} is asked only when a request is sent, so the backend
     * may start later.
     */
    public Http(int port, String fingerprint, Supplier<Identities> identities) {
        this(pinned(fingerprint), "https://localhost:" + port, request -> {
            if (request.startsWith("GET /health")) {
                return null;
            }
            Matcher gateway = GATEWAY_PATH.matcher(request);
            if (!gateway.matches()) {
                return identities.get().operator();
            }
            return identities.get().gateway(gateway.group(1) != null ? gateway.group(1) : gateway.group(2));
        });
    }

    public static Http to(EmbeddedBackend backend, int port) {
        Identities identities = Identities.of(backend);
        return new Http(port, backend.tls().fingerprint(), () -> identities);
    }

    /** The same backend, every request with this {@code Authorization} header (null: none). */
    public Http as(String header) {
        return new Http(client, base, request -> header);
    }

    /** {@code https://localhost:port}, for requests this client cannot make (streams): send them with {@link #client()}. */
    public String base() {
        return base;
    }

    /** The HTTP client, pinned to the backend's certificate. */
    public HttpClient client() {
        return client;
    }

    public Http anonymous() {
        return as(null);
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET asking for this media type, e.g. {@code text/csv}. */
    public Answer get(String path, String accept) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    public Answer post(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    public Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A body sent as these exact bytes, whatever their encoding. */
    public Answer post(String path, byte[] body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    public Answer post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Answer put(String path, String body) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer delete(String path) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer send(String path, HttpRequest.Builder request) throws IOException, InterruptedException {
        String header = authorization.apply(request.build().method() + " " + path);
        if (header != null) {
            request.header("Authorization", header);
        }
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            json = MissingNode.getInstance();
        }
        return new Answer(response.statusCode(), json == null ? MissingNode.getInstance() : json, response.body(),
                response.headers());
    }

    /** Status, parsed JSON body (missing node if none), raw text and headers. */
    public record Answer(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
