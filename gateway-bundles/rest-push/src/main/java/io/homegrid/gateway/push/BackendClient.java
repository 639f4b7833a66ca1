package io.homegrid.gateway.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.CommandResult;
import io.homegrid.model.DeviceBatch;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.GatewayCommand;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.json.Json;

/** The backend's gateway-facing HTTP API: pushes, and the outbound command channel. */
public final class BackendClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI backend;
    private final String gateway;
    private final String authorization;

    /**
     * @param secret      the gateway's secret, sent as HTTP Basic credentials with its id; null: none
     * @param fingerprint SHA-256 of the backend's certificate to pin; null: the JVM's trusted CAs
     */
    public BackendClient(URI backend, String gateway, String secret, String fingerprint) {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (fingerprint != null) {
            client.sslContext(PinnedCertificate.context(fingerprint));
        }
        this.http = client.build();
        this.backend = backend;
        this.gateway = gateway;
        this.authorization = secret == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((gateway + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Answers the HTTP status; 202 means the backend has the readings durably. */
    public Answer pushReadings(List<Reading> readings) throws IOException, InterruptedException {
        return post("/api/v1/gateways/" + gateway + "/readings", new ReadingBatch(gateway, readings));
    }

    public Answer pushDevices(List<DeviceDescription> devices) throws IOException, InterruptedException {
        return post("/api/v1/gateways/" + gateway + "/devices", new DeviceBatch(gateway, devices));
    }

    /** Long poll: waits up to {@code wait} for a command; empty when none came. */
    public Optional<GatewayCommand> nextCommand(Duration wait) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(uri("/api/v1/gateways/" + gateway
                + "/commands?waitSeconds=" + wait.toSeconds()))).timeout(wait.plus(REQUEST_TIMEOUT)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("command channel answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(Json.mapper().readValue(response.body(), GatewayCommand.class));
    }

    public Answer reportResult(CommandResult result) throws IOException, InterruptedException {
        return post("/api/v1/gateways/" + gateway + "/commands/" + result.id() + "/result", result);
    }

    private Answer post(String path, Object document) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(uri(path))).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(document))).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), retryAfter(response));
    }

    /** Retry-After in seconds (the form the backend sends) or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant when = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), when);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private URI uri(String path) {
        return backend.resolve(path);
    }

    private static String json(Object document) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(document);
    }

    /** HTTP status and body of a backend answer, and how long it asked to wait, if it did. */
    public record Answer(int status, String body, Optional<Duration> retryAfter) {

        public Answer(int status, String body) {
            this(status, body, Optional.empty());
        }
    }
}
