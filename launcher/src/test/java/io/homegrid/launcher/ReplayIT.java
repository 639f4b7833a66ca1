package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * Replay Control through the whole backend: ten minutes of a gateway's 2 s readings, stored,
 * then sent again through the pipeline by a replay, with a real broker and PostgreSQL.
 */
class ReplayIT {

    private static final String GATEWAY = "gw-replay";
    private static final List<String> DEVICES = List.of("fridge", "kettle");
    private static final int PER_DEVICE = 300;

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static Http admin;
    private static Instant from;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        http = Http.to(backend, port);
        AccessFixture fixture = AccessFixture.around(backend.access());
        String household = fixture.household("replayed").id();
        fixture.gatewaySecret(GATEWAY, household);
        admin = http.as(fixture.person("replay-admin", Role.HOUSEHOLD_ADMIN, household));
        from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < PER_DEVICE; i++) {
            for (int d = 0; d < DEVICES.size(); d++) {
                readings.add(reading(DEVICES.get(d), "power", String.valueOf(watts(d, i)), "W", from.plusSeconds(2L * i),
                        i * DEVICES.size() + d));
            }
        }
        for (int start = 0; start < readings.size(); start += 200) {
            assertThat(http.post("/api/v1/gateways/" + GATEWAY + "/readings", batch(GATEWAY,
                    readings.subList(start, Math.min(readings.size(), start + 200)).toArray(String[]::new))).status())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM reading WHERE gateway_id = ?",
                GATEWAY) == (long) PER_DEVICE * DEVICES.size());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static double watts(int device, int i) {
        return device == 0 ? 80 + (i % 7) * 10 : 5 + (i % 3);
    }

    @Test
    void atSpeedSixtyTenMinutesAreSentAgainInTenSecondsWithTheirGapsDividedBySixty() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> live = http.client().sendAsync(HttpRequest.newBuilder(
                URI.create(http.base() + "/api/v1/live")).header("Authorization", AccessFixture.around(backend.access())
                        .bearer("replay-admin", "replay-admin-password")).build(), HttpResponse.BodyHandlers.ofLines());
        live.thenAccept(response -> response.body().forEach(events::add));
        await().until(() -> events.stream().anyMatch(line -> line.startsWith(": homegrid")));

        Http.Answer answer = admin.post("/api/v1/replays", "{\"from\":\"" + from + "\",\"duration\":\"PT10M\",\"speed\":60}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("state").asText()).isEqualTo("queued");
        long id = answer.json().get("id").asLong();
        List<Long> progress = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode replay = admin.get("/api/v1/replays/" + id).json();
            progress.add(replay.get("readingsSent").asLong());
            return replay.get("state").asText().equals("done");
        });
        JsonNode done = admin.get("/api/v1/replays/" + id).json();
        long total = (long) PER_DEVICE * DEVICES.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM reading WHERE replay_id = ?", id) == total);

        assertThat(done.get("readingsTotal").asLong()).isEqualTo(total);
        assertThat(done.get("readingsSent").asLong()).isEqualTo(total);
        assertThat(progress).isSorted();
        Instant started = Instant.parse(done.get("started").asText());
        Instant finished = Instant.parse(done.get("finished").asText());
        // The last reading is 9 min 58 s after the first: 9.97 s at speed 60.
        assertThat(Duration.between(started, finished)).isBetween(Duration.ofMillis(9_900), Duration.ofSeconds(30));
        for (String device : DEVICES) {
            List<Instant> replayed = times("SELECT measured_at FROM reading WHERE replay_id = ? AND device_id = ? "
                    + "ORDER BY measured_at", id, device);
            assertThat(replayed).hasSize(PER_DEVICE);
            assertThat(replayed.get(0)).isBetween(started.minusSeconds(1), finished);
            for (int i = 1; i < replayed.size(); i++) {
                // Originally 2 s apart: 33.3 ms at speed 60.
                assertThat((double) Duration.between(replayed.get(i - 1), replayed.get(i)).toMillis())
                        .as("gap %d of %s", i, device).isCloseTo(2_000 / 60.0, within(50.0));
            }
        }
        assertThat(count("SELECT count(*) FROM reading WHERE replay_id = ? AND seq >= 0", id)).isZero();
        assertThat(count("SELECT count(DISTINCT seq) FROM reading WHERE replay_id = ?", id)).isEqualTo(total);
        await().until(() -> events.stream().anyMatch(line -> line.equals("event: replay")));
        live.cancel(true);
    }

    @Test
    void aCancelStopsTheReplayAndNothingMoreIsSentAfterTheAnswer() throws Exception {
        long id = admin.post("/api/v1/replays", "{\"from\":\"" + from + "\",\"duration\":\"PT10M\",\"speed\":1}")
                .json().get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM reading WHERE replay_id = ?", id) > 0);

        Http.Answer cancelled = admin.delete("/api/v1/replays/" + id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("cancelled");
        long sent = cancelled.json().get("readingsSent").asLong();
        assertThat(sent).isPositive().isLessThan((long) PER_DEVICE * DEVICES.size());
        // What was sent before the answer is stored; nothing after it.
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM reading WHERE replay_id = ?", id) == sent);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> count("SELECT count(*) FROM reading WHERE replay_id = ?", id) == sent);
        assertThat(admin.get("/api/v1/replays/" + id).json().get("state").asText()).isEqualTo("cancelled");
    }

    /**
     * Isolated: the replay's readings and outputs stay out of the household's history, its own CEP
     * runtime sees them on their original time (so its minute averages are the originals'), and
     * it is deleted with them.
     */
    @Test
    void anIsolatedReplayKeepsApartComputesTheOriginalMinutesAndIsDeletedWithItsData() throws Exception {
        String history = "/api/v1/devices/fridge/readings?sensor=power&limit=100000&from=" + from.minus(Duration.ofHours(1))
                + "&to=" + Instant.now().plus(Duration.ofHours(1));
        JsonNode before = admin.get(history).json().get("readings");
        List<String> live = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.client().sendAsync(HttpRequest.newBuilder(
                URI.create(http.base() + "/api/v1/live")).header("Authorization", AccessFixture.around(backend.access())
                        .bearer("replay-admin", "replay-admin-password")).build(), HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().forEach(live::add));
        await().until(() -> live.stream().anyMatch(line -> line.startsWith(": homegrid")));

        long id = admin.post("/api/v1/replays", "{\"from\":\"" + from + "\",\"duration\":\"PT10M\",\"speed\":60,"
                + "\"mode\":\"isolated\"}").json().get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/replays/" + id).json().get("state").asText()
                .equals("done"));
        long total = (long) PER_DEVICE * DEVICES.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM replay_reading WHERE replay_id = ?", id)
                == total);

        assertThat(admin.get(history).json().get("readings")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM reading WHERE replay_id = ?", id)).isZero();
        JsonNode replayed = admin.get("/api/v1/devices/fridge/readings?sensor=power&limit=100000&replay=" + id + "&from="
                + from.minus(Duration.ofHours(1)) + "&to=" + Instant.now().plus(Duration.ofHours(1))).json().get("readings");
        assertThat(replayed).hasSize(PER_DEVICE);
        String original = "/api/v1/gateways/" + GATEWAY + "/aggregates?from=" + from + "&to=" + from.plus(Duration.ofMinutes(11));
        // Ten closed minutes (an aggregate is stamped with its minute's end), the last one once the
        // replay's runtime, following the wall clock after the last reading, has passed its end.
        await().atMost(Duration.ofSeconds(60)).until(() -> minuteAverages(admin.get(original + "&replay=" + id).json())
                .size() == 2 * 10);
        List<String> fromReplay = minuteAverages(admin.get(original + "&replay=" + id).json());
        assertThat(fromReplay).isEqualTo(minuteAverages(admin.get(original).json()));
        assertThat(live).noneMatch(line -> line.contains("\"replay\":" + id));

        assertThat(admin.delete("/api/v1/replays/" + id + "?purge=true").status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM replay_reading WHERE replay_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM cep_output WHERE replay_id = ?", id)).isZero();
        assertThat(admin.get("/api/v1/replays/" + id).status()).isEqualTo(404);
        stream.cancel(true);
    }

    /** "device minute-start watts" of each device-power-1m aggregate, in order. */
    private static List<String> minuteAverages(JsonNode answer) {
        List<String> averages = new ArrayList<>();
        for (JsonNode aggregate : answer.get("aggregates")) {
            if (aggregate.get("statement").asText().equals("device-power-1m")) {
                averages.add(aggregate.get("device").asText() + " " + aggregate.at("/values/minuteStart").asText() + " "
                        + aggregate.at("/values/watts").asDouble());
            }
        }
        averages.sort(null);
        return averages;
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        String past = from.toString();
        String[][] cases = {
            {"{\"duration\":\"PT1H\"}", "from"},
            {"{\"from\":\"yesterday\",\"duration\":\"PT1H\"}", "from"},
            {"{\"from\":\"" + Instant.now().plusSeconds(3_600) + "\",\"duration\":\"PT1H\"}", "from"},
            {"{\"from\":\"" + past + "\",\"duration\":\"an hour\"}", "duration"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT0S\"}", "duration"},
            {"{\"from\":\"" + past + "\",\"duration\":\"P32D\"}", "duration"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT1H\",\"speed\":0}", "speed"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT1H\",\"speed\":10001}", "speed"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT1H\",\"speed\":\"fast\"}", "speed"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT1H\",\"gateways\":[\"gw-nobody\"]}", "gateways"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT1H\",\"devices\":[\"toaster\"]}", "devices"},
            {"{\"from\":\"" + past + "\",\"duration\":\"PT1H\",\"mode\":\"sideways\"}", "mode"},
        };
        int before = admin.get("/api/v1/replays").json().get("replays").size();
        for (String[] bad : cases) {
            Http.Answer answer = admin.post("/api/v1/replays", bad[0]);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.json().get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(admin.get("/api/v1/replays").json().get("replays")).hasSize(before);
    }

    @Test
    void aWindowWithoutReadingsEndsDoneWithNone() throws Exception {
        long id = admin.post("/api/v1/replays", "{\"from\":\"" + from.minus(Duration.ofDays(3)) + "\",\"duration\":\"PT1H\","
                + "\"speed\":\"max\"}").json().get("id").asLong();

        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/replays/" + id).json().get("state").asText()
                .equals("done"));
        JsonNode replay = admin.get("/api/v1/replays/" + id).json();
        assertThat(replay.get("readingsTotal").asLong()).isZero();
        assertThat(replay.get("speed").asText()).isEqualTo("max");
    }

    static long count(String sql, Object... parameters) throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Instant> times(String sql, Object... parameters) throws Exception {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
            return times;
        }
    }
}
