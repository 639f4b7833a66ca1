package io.homegrid.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A registered service's endpoint in the test: takes every delivery (200) and keeps it, until stopped. */
final class WebhookReceiver {

    record Delivery(String timestamp, String signature, String body) {
    }

    private final int port;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private HttpServer server;

    WebhookReceiver(int port) {
        this.port = port;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Homegrid-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Homegrid-Signature"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Down: the port refuses connections. */
    synchronized void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** What it took (answered 200), in order. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }
}
