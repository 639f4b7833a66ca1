package io.homegrid.launcher.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.json.Json;

/**
 * Issue 12: what a replay at {@code "max"} sends and stores per second, in the same run as the push
 * benchmark and over the readings it stored: the window holds every reading the push phases
 * stored, on all their gateways.
 */
final class ReplayThroughput {

    private ReplayThroughput() {
    }

    static String report(BenchBackend server, String jdbcUrl, String password, int gateways, Instant since,
            double pushStoredPerSecond) throws Exception {
        String names = IntStream.range(0, gateways).mapToObj(g -> "\"gw-" + g + "\"").collect(Collectors.joining(","));
        Instant from = since.minusSeconds(60);
        Duration window = Duration.between(from, Instant.now()).plusSeconds(1);
        long started = System.nanoTime();
        HttpResponse<String> answer = server.http().send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/replays"))
                .header("Content-Type", "application/json").header("Authorization", server.operator())
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from + "\",\"duration\":\"" + window
                        + "\",\"gateways\":[" + names + "],\"speed\":\"max\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the replay was answered " + answer.statusCode() + ": " + answer.body());
        }
        long id = Json.mapper().readTree(answer.body()).get("id").asLong();
        JsonNode replay;
        do {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            replay = Json.mapper().readTree(server.http().send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/api/v1/replays/" + id)).header("Authorization", server.operator()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!replay.get("state").asText().equals("done") && !replay.get("state").asText().equals("failed"));
        double sentSeconds = (System.nanoTime() - started) / 1e9;
        long total = replay.get("readingsTotal").asLong();
        while (stored(jdbcUrl, password, id) < total) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        double storedSeconds = (System.nanoTime() - started) / 1e9;
        double stored = total / storedSeconds;
        return String.format("%nReplay at \"max\" (%s) of the %,d readings the phases stored, %d gateways:%n"
                + "| sent/s | stored/s (end to end) | push batches stored/s (same run) | replay stored / push stored |%n"
                + "|---|---|---|---|%n| %,.0f | %,.0f | %,.0f | %.2f |%n", replay.get("state").asText(), total, gateways,
                total / sentSeconds, stored, pushStoredPerSecond, stored / pushStoredPerSecond);
    }

    private static long stored(String jdbcUrl, String password, long replay) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password);
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM reading WHERE replay_id = ?")) {
            s.setLong(1, replay);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
