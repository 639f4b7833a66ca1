package io.homegrid.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.json.Json;

/** A client of the WebSocket live channel in the tests: the JDK's WebSocket, every message it gets kept. */
final class LiveClient implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private LiveClient(HttpClient client, URI uri, boolean reads) throws Exception {
        StringBuilder partial = new StringBuilder();
        socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                // a client that never asks for a message lets the server's sends pile up
                if (reads) {
                    webSocket.request(1);
                }
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(Json.mapper().readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    static LiveClient connect(Http http) throws Exception {
        return new LiveClient(http.client(), uri(http), true);
    }

    /** A client that reads nothing the server sends. */
    static LiveClient stalled(Http http) throws Exception {
        return new LiveClient(http.client(), uri(http), false);
    }

    private static URI uri(Http http) {
        return URI.create(http.base().replace("https://", "wss://") + "/api/v1/live/ws");
    }

    LiveClient send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
        return this;
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    List<JsonNode> of(String type) {
        return received.stream().filter(message -> type.equals(message.path("type").asText())).toList();
    }

    /** The close code the server sent, once it closed. */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
