package io.homegrid.sharing.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonGenerator;

import io.homegrid.model.json.Json;
import io.homegrid.sharing.SharingSettings;

/**
 * Delivers each application's items, oldest first, a batch per request: a 2xx answer takes them
 * all; anything else (or no answer) keeps the endpoint's items for a later attempt, the wait
 * doubling from 1 s up to the settings' bound, so that they still go in the order they came. One
 * application's endpoint being down delays only its own items.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_ERROR_CHARS = 300;

    private final WebhookStore store;
    private final SharingSettings settings;
    private final Clock clock;
    // Redirects are not followed: a delivery goes to the registered endpoint or nowhere.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Dispatcher(WebhookStore store, SharingSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** One round over every application with items due; run on the dispatcher's thread. */
    void deliverDue() {
        try {
            for (String application : store.dueApplications(clock.instant())) {
                deliver(application);
            }
        } catch (SharingStoreException e) {
            LOG.warn("Deliveries wait for the database: {}", e.getMessage());
        } catch (RuntimeException e) {
            // The scheduler would stop the dispatcher for good on an exception.
            LOG.error("A delivery round failed", e);
        }
    }

    private void deliver(String application) {
        WebhookStore.Target target = store.target(application).orElse(null);
        List<WebhookStore.Due> due = store.due(application, settings.maxBatch());
        if (target == null || due.isEmpty()) {
            return;
        }
        byte[] body = body(due);
        long timestamp = clock.instant().getEpochSecond();
        String error;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target.url()).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "homegrid-sharing")
                    .header("X-Homegrid-Delivery", UUID.randomUUID().toString())
                    .header("X-Homegrid-Timestamp", Long.toString(timestamp))
                    .header("X-Homegrid-Signature", Signature.sign(target.key(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                store.delivered(application, due, clock.instant());
                LOG.debug("[{}] delivered {} item(s)", application, due.size());
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int attempts = target.attempts() + 1;
        Instant next = clock.instant().plus(backoff(attempts));
        error = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        store.failed(application, error, clock.instant(), next);
        LOG.warn("[{}] delivery of {} item(s) to its endpoint failed ({}), attempt {}; next at {}", application,
                due.size(), error, attempts, next);
    }

    /** 1 s, 2 s, 4 s … up to the bound. */
    Duration backoff(int attempts) {
        long seconds = 1L << Math.min(attempts - 1, 20);
        Duration wait = Duration.ofSeconds(seconds);
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** {@code {"deliveries":[{"key","kind","household","data":{…}}]}}, the items' JSON as stored. */
    private static byte[] body(List<WebhookStore.Due> due) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("deliveries");
            for (WebhookStore.Due item : due) {
                json.writeStartObject();
                json.writeStringField("key", item.key());
                json.writeStringField("kind", item.kind());
                json.writeStringField("household", item.household());
                json.writeFieldName("data");
                json.writeRawValue(item.body());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
