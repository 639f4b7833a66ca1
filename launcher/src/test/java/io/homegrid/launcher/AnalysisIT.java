package io.homegrid.launcher;

import static io.homegrid.launcher.Readings.batch;
import static io.homegrid.launcher.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.xbee.simulator.LoadProfile;
import io.homegrid.launcher.internal.FreePorts;
import io.homegrid.security.Role;
import io.homegrid.security.test.AccessFixture;

/**
 * The household analyses (issue 14) over four weeks of a seeded household, stored through the
 * whole path (push, broker, parser, persistence, rollups), against what the test computes from
 * the very samples it pushed: energy per device, the weekday profile, one day device by device
 * and the top consumers with a time-of-use tariff.
 */
class AnalysisIT {

    private static final String GATEWAY = "gw-analysed";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<LoadProfile> APPLIANCES = List.of(LoadProfile.FRIDGE, LoadProfile.KETTLE, LoadProfile.TV,
            LoadProfile.WASHING_MACHINE);
    private static final int EVERY_SECONDS = 30;
    private static final int WEEKS = 4;

    @TempDir
    static Path dataDir;
    private static EmbeddedBackend backend;
    private static Http http;
    private static Http resident;
    private static Http admin;
    private static String household;
    private static Instant from;
    private static Instant to;
    /** Every pushed power sample: device → time → watts. */
    private static final Map<String, TreeMap<Instant, Double>> SAMPLES = new LinkedHashMap<>();
    /** The hour the TV was silent. */
    private static Instant silentHour;

    @BeforeAll
    static void start() throws Exception {
        int port = FreePorts.next();
        backend = EmbeddedBackend.start(BackendConfig.defaults(port, dataDir));
        http = Http.to(backend, port);
        household = backend.access().access().directory().createHousehold("analysed", BERLIN).id();
        AccessFixture fixture = AccessFixture.around(backend.access());
        fixture.gatewaySecret(GATEWAY, household);
        resident = http.as(fixture.person("analyst", Role.RESIDENT, household));
        admin = http.as(fixture.person("boss", Role.HOUSEHOLD_ADMIN, household));

        LocalDate today = LocalDate.now(BERLIN);
        to = today.atStartOfDay(BERLIN).toInstant();
        from = today.minusWeeks(WEEKS).atStartOfDay(BERLIN).toInstant();
        silentHour = today.minusDays(3).atTime(20, 0).atZone(BERLIN).toInstant();
        Random noise = new Random(14);
        List<String> readings = new ArrayList<>();
        long seq = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(EVERY_SECONDS)) {
            for (int d = 0; d < APPLIANCES.size(); d++) {
                String device = APPLIANCES.get(d).name().toLowerCase();
                if (device.equals("tv") && !t.isBefore(silentHour) && t.isBefore(silentHour.plusSeconds(3_600))) {
                    continue;
                }
                double watts = Math.max(0, Math.round(APPLIANCES.get(d).watts(t.atZone(BERLIN).toLocalTime(), d * 0.21,
                        noise) * 10) / 10.0);
                SAMPLES.computeIfAbsent(device, k -> new TreeMap<>()).put(t, watts);
                readings.add(reading(device, "power", String.valueOf(watts), "W", t, ++seq));
            }
        }
        for (int start = 0; start < readings.size(); start += 1_000) {
            assertThat(http.post("/api/v1/gateways/" + GATEWAY + "/readings", batch(GATEWAY,
                    readings.subList(start, Math.min(readings.size(), start + 1_000)).toArray(String[]::new))).status())
                    .isEqualTo(202);
        }
        long pushed = readings.size();
        await().atMost(Duration.ofMinutes(3)).until(() -> stored() == pushed);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void energyPerDeviceIsTheMeasuredMinutesMeanPowerAndTheSilentHourIsMissingNotItsLastValue() throws Exception {
        JsonNode answer = resident.get("/api/v1/households/" + household + "/energy?from=" + from + "&to=" + to
                + "&bucket=1d").json();

        assertThat(answer.get("buckets")).hasSize(WEEKS * 7);
        Map<String, JsonNode> devices = new HashMap<>();
        answer.get("devices").forEach(device -> devices.put(device.get("device").asText(), device));
        assertThat(devices).containsOnlyKeys(SAMPLES.keySet());
        double total = 0;
        for (String device : SAMPLES.keySet()) {
            double expected = energyWh(device, from, to);
            total += expected;
            assertThat(devices.get(device).get("energyWh").asDouble()).as(device).isCloseTo(expected, within(0.5));
        }
        assertThat(answer.get("energyWh").asDouble()).isCloseTo(total, within(1.0));
        assertThat(devices.get("tv").get("missingMinutes").asLong()).isEqualTo(60);
        assertThat(devices.get("fridge").get("missingMinutes").asLong()).isZero();
        assertThat(answer.get("missingMinutes").asLong()).isEqualTo(60);
        // The TV's evening of the silent hour: energy of its other minutes only
        Instant day = silentHour.atZone(BERLIN).toLocalDate().atStartOfDay(BERLIN).toInstant();
        Instant next = silentHour.atZone(BERLIN).toLocalDate().plusDays(1).atStartOfDay(BERLIN).toInstant();
        JsonNode tv = resident.get("/api/v1/households/" + household + "/energy?from=" + day + "&to=" + next
                + "&bucket=1h&device=tv").json();
        JsonNode eight = tv.get("buckets").get(20);
        assertThat(eight.get("start").asText()).startsWith(silentHour.atZone(BERLIN).toLocalDate() + "T20:00");
        assertThat(eight.get("energyWh").asDouble()).isZero();
        assertThat(eight.get("missingMinutes").asLong()).isEqualTo(60);
        assertThat(tv.get("buckets").get(21).get("energyWh").asDouble()).isCloseTo(
                energyWh("tv", silentHour.plusSeconds(3_600), silentHour.plusSeconds(7_200)), within(0.01));
    }

    @Test
    void theWeekdayProfileIsEachSlotsMeanPowerSummedOverTheDevices() throws Exception {
        JsonNode answer = resident.get("/api/v1/households/" + household + "/profile?weeks=" + WEEKS
                + "&slot=15m&tz=Europe/Berlin").json();

        assertThat(answer.get("resolution").asText()).isEqualTo("QUARTER_HOUR");
        JsonNode slots = answer.get("household");
        assertThat(slots).hasSize(7 * 96);
        Map<String, double[]> sums = new HashMap<>();
        for (Map.Entry<String, TreeMap<Instant, Double>> device : SAMPLES.entrySet()) {
            double[] sum = new double[7 * 96];
            double[] n = new double[7 * 96];
            device.getValue().forEach((time, watts) -> {
                ZonedDateTime local = time.atZone(BERLIN);
                int slot = (local.getDayOfWeek().getValue() - 1) * 96 + local.toLocalTime().toSecondOfDay() / 900;
                sum[slot] += watts;
                n[slot]++;
            });
            for (int i = 0; i < sum.length; i++) {
                sum[i] = n[i] == 0 ? 0 : sum[i] / n[i];
            }
            sums.put(device.getKey(), sum);
        }
        for (int i = 0; i < 7 * 96; i++) {
            double expected = 0;
            for (double[] device : sums.values()) {
                expected += device[i];
            }
            assertThat(slots.get(i).get("powerW").asDouble()).as(slots.get(i).toString()).isCloseTo(expected, within(0.01));
        }
        assertThat(slots.get(0).get("weekday").asText()).isEqualTo("MONDAY");
        assertThat(slots.get(96 * 6 + 95).get("time").asText()).isEqualTo("23:45");
    }

    @Test
    void oneDayDeviceByDeviceHasEachBucketsMeanAndTheHouseholdsTotal() throws Exception {
        LocalDate date = LocalDate.ofInstant(to, BERLIN).minusDays(2);
        JsonNode answer = resident.get("/api/v1/households/" + household + "/day?date=" + date + "&bucket=15m").json();

        assertThat(answer.get("hours").asInt()).isEqualTo(24);
        assertThat(answer.get("total")).hasSize(96);
        Instant start = date.atStartOfDay(BERLIN).toInstant();
        Map<String, JsonNode> series = new HashMap<>();
        answer.get("devices").forEach(device -> series.put(device.get("device").asText(), device.get("series")));
        for (int b = 0; b < 96; b++) {
            Instant bucket = start.plusSeconds(900L * b);
            double total = 0;
            for (String device : SAMPLES.keySet()) {
                double mean = SAMPLES.get(device).subMap(bucket, bucket.plusSeconds(900)).values().stream()
                        .mapToDouble(Double::doubleValue).average().orElseThrow();
                total += mean;
                assertThat(series.get(device).get(b).get("powerW").asDouble()).isCloseTo(mean, within(0.01));
            }
            assertThat(answer.get("total").get(b).get("powerW").asDouble()).isCloseTo(total, within(0.01));
        }
    }

    @Test
    void topConsumersAreRankedByEnergyAndPricedPerLocalHour() throws Exception {
        StringBuilder tariff = new StringBuilder();
        double[] prices = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            prices[hour] = hour >= 7 && hour < 22 ? 0.35 : 0.20;
            tariff.append(hour == 0 ? "" : ",").append(prices[hour]);
        }
        JsonNode answer = resident.get("/api/v1/households/" + household + "/consumers?from=" + from + "&to=" + to
                + "&tariff=" + tariff).json();

        List<String> expectedOrder = new ArrayList<>(SAMPLES.keySet());
        expectedOrder.sort(Comparator.comparingDouble((String device) -> energyWh(device, from, to)).reversed());
        List<String> ranked = new ArrayList<>();
        answer.get("devices").forEach(device -> ranked.add(device.get("device").asText()));
        assertThat(ranked).isEqualTo(expectedOrder);
        double total = SAMPLES.keySet().stream().mapToDouble(device -> energyWh(device, from, to)).sum();
        for (JsonNode device : answer.get("devices")) {
            String name = device.get("device").asText();
            assertThat(device.get("cost").asDouble()).as(name).isCloseTo(cost(name, prices), within(0.001));
            assertThat(device.get("share").asDouble()).isCloseTo(energyWh(name, from, to) / total, within(0.001));
        }
        assertThat(answer.get("tariff").get("kind").asText()).isEqualTo("time-of-use");
        // The kettle is off most of the time: its standby is next to nothing, the fridge's is its idle draw
        JsonNode kettle = find(answer.get("devices"), "kettle");
        assertThat(kettle.get("standbyWh").asDouble()).isLessThan(kettle.get("energyWh").asDouble() * 0.05);
    }

    @Test
    void aDaylightSavingDayHasTwentyThreeHours() throws Exception {
        JsonNode spring = resident.get("/api/v1/households/" + household + "/day?date=2026-03-29&bucket=1h").json();
        JsonNode autumn = resident.get("/api/v1/households/" + household + "/day?date=2026-10-25&bucket=1h").json();

        assertThat(spring.get("hours").asInt()).isEqualTo(23);
        assertThat(spring.get("total")).hasSize(23);
        assertThat(spring.get("total").get(2).get("start").asText()).isEqualTo("2026-03-29T03:00+02:00");
        assertThat(autumn.get("hours").asInt()).isEqualTo(25);
        assertThat(autumn.get("total")).hasSize(25);
    }

    /** A grant's history limit holds for the devices it names, not for those another grant of the same application names. */
    @Test
    void anApplicationReadsEachDeviceOnlyAsFarBackAsTheGrantThatNamesIt() throws Exception {
        io.homegrid.security.AccessControl control = backend.access().access();
        String secret = control.directory().registerApplication("energy-coach", "An energy coach");
        control.directory().grant(new io.homegrid.security.Grant(0, household, "energy-coach",
                java.util.Set.of(io.homegrid.security.Scope.AGGREGATES_READ), java.util.Set.of("fridge"), java.util.Set.of(),
                null, null, null, null));
        control.directory().grant(new io.homegrid.security.Grant(0, household, "energy-coach",
                java.util.Set.of(io.homegrid.security.Scope.AGGREGATES_READ), java.util.Set.of("tv"), java.util.Set.of(),
                Duration.ofDays(1), null, null, null));
        Http coach = http.as("Bearer " + control.clientToken("energy-coach", secret).value());

        JsonNode weeks = coach.get("/api/v1/households/" + household + "/energy?from=" + from + "&to=" + to + "&bucket=1d")
                .json();
        List<String> devices = new ArrayList<>();
        weeks.get("devices").forEach(device -> devices.add(device.get("device").asText()));
        assertThat(devices).containsExactly("fridge");
        Instant now = Instant.now();
        JsonNode recent = coach.get("/api/v1/households/" + household + "/energy?from=" + now.minus(Duration.ofHours(12))
                + "&to=" + now).json();
        List<String> recentDevices = new ArrayList<>();
        recent.get("devices").forEach(device -> recentDevices.add(device.get("device").asText()));
        assertThat(recentDevices).containsExactlyInAnyOrder("fridge", "tv");
    }

    @Test
    void aVirtualDeviceIsQueriedLikeADeviceAndHoldsOnlyTheHouseholdsOwnDevices() throws Exception {
        String base = "/api/v1/households/" + household + "/virtual-devices";
        Http.Answer created = admin.post(base, "{\"name\":\"kitchen\",\"devices\":[\"fridge\",\"kettle\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("devices")).extracting(JsonNode::asText).containsExactly("fridge", "kettle");
        assertThat(resident.get(base).json().get("virtualDevices")).extracting(d -> d.get("name").asText())
                .containsExactly("kitchen");

        JsonNode energy = resident.get(base + "/kitchen/energy?from=" + from + "&to=" + to + "&bucket=1w").json();
        assertThat(energy.get("devices")).extracting(d -> d.get("device").asText()).containsExactlyInAnyOrder("fridge",
                "kettle");
        assertThat(energy.get("energyWh").asDouble()).isCloseTo(energyWh("fridge", from, to) + energyWh("kettle", from, to),
                within(1.0));
        JsonNode day = resident.get(base + "/kitchen/day?date=" + LocalDate.now(BERLIN).minusDays(2)).json();
        assertThat(day.get("devices")).extracting(d -> d.get("device").asText()).containsExactlyInAnyOrder("fridge",
                "kettle");
        JsonNode profile = resident.get(base + "/kitchen/profile?weeks=" + WEEKS + "&slot=1h&by=device").json();
        assertThat(profile.get("devices").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("fridge", "kettle");

        // another household's device (a gateway of the default household) cannot join
        assertThat(http.post("/api/v1/gateways/gw-elsewhere/readings", batch("gw-elsewhere",
                reading("elsewhere-plug", "power", "5", "W", Instant.now().minusSeconds(5), 1))).status()).isEqualTo(202);
        await().until(() -> http.get("/api/v1/gateways/gw-elsewhere/devices").status() == 200);
        Http.Answer foreign = admin.post(base, "{\"name\":\"sneaky\",\"devices\":[\"tv\",\"elsewhere-plug\"]}");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("field").asText()).isEqualTo("devices");
        assertThat(foreign.json().get("reason").asText()).contains("'elsewhere-plug' is not a device of this household");
        assertThat(admin.post(base, "{\"name\":\"Kitchen!\",\"devices\":[\"tv\"]}").json().get("field").asText())
                .isEqualTo("name");
        assertThat(admin.post(base, "{\"name\":\"nothing\",\"devices\":[]}").json().get("field").asText())
                .isEqualTo("devices");
        assertThat(admin.post(base, "{\"name\":\"kitchen\",\"devices\":[\"tv\"]}").status()).isEqualTo(409);
        assertThat(resident.post(base, "{\"name\":\"mine\",\"devices\":[\"tv\"]}").status()).isEqualTo(403);

        assertThat(admin.delete(base + "/kitchen").status()).isEqualTo(204);
        Http.Answer gone = resident.get(base + "/kitchen/energy?from=" + from + "&to=" + to);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("field").asText()).isEqualTo("name");
    }

    @Test
    void theAnalysesComeAsCsvWithTheSameValuesAsTheirJson() throws Exception {
        String base = "/api/v1/households/" + household;
        String energy = base + "/energy?from=" + from + "&to=" + to + "&bucket=1w&by=device";
        JsonNode json = resident.get(energy).json();
        Http.Answer csv = resident.get(energy, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("start,end,device,energyWh,missingMinutes");
        // per (calendar) week: the household's row, then one per device
        assertThat(lines).hasSize(1 + json.get("buckets").size() * (1 + APPLIANCES.size()));
        List<Map<String, String>> rows = csvRows(csv.text());
        assertThat(rows.get(0)).containsEntry("start", json.at("/buckets/0/start").asText()).containsEntry("device", "");
        assertThat(Double.parseDouble(rows.get(0).get("energyWh"))).isEqualTo(json.at("/buckets/0/energyWh").asDouble());
        for (Map<String, String> row : rows.subList(1, 1 + APPLIANCES.size())) {
            assertThat(Double.parseDouble(row.get("energyWh"))).as(row.get("device"))
                    .isEqualTo(json.at("/buckets/0/devices/" + row.get("device")).asDouble());
        }

        List<String> ranked = resident.get(base + "/consumers?from=" + from + "&to=" + to + "&tariff=0.32", "text/csv")
                .text().lines().toList();
        assertThat(ranked.get(0)).startsWith("rank,device,energyWh,cost,share");
        JsonNode consumers = resident.get(base + "/consumers?from=" + from + "&to=" + to + "&tariff=0.32").json();
        assertThat(csvRows(String.join("\n", ranked)).get(0)).containsEntry("rank", "1")
                .containsEntry("device", consumers.at("/devices/0/device").asText());
        assertThat(resident.get(base + "/day?date=" + LocalDate.now(BERLIN).minusDays(1) + "&bucket=1h", "text/csv").text()
                .lines().findFirst().orElseThrow()).isEqualTo("start,end,device,powerW,minW,maxW,measuredMinutes,devicesMeasured");
        assertThat(resident.get(base + "/profile?weeks=1&slot=1h", "text/csv").text().lines().count()).isEqualTo(1 + 7 * 24);
        // an error stays JSON, naming the field
        Http.Answer refused = resident.get(base + "/profile?weeks=0", "text/csv");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("weeks");
    }

    @Test
    void badParametersAreRefusedNamingTheField() throws Exception {
        String base = "/api/v1/households/" + household;
        assertRefused(base + "/profile?weeks=0", "weeks");
        assertRefused(base + "/profile?weeks=105", "weeks");
        assertRefused(base + "/profile?tz=Mars/Olympus", "tz");
        assertRefused(base + "/profile?slot=7m", "slot");
        assertRefused(base + "/day?date=yesterday", "date");
        assertRefused(base + "/energy?from=" + from + "&to=" + to + "&bucket=1m", "bucket");
        assertRefused(base + "/energy?from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z&bucket=15m", "bucket");
        assertRefused(base + "/energy?from=" + to + "&to=" + from, "to");
        assertRefused(base + "/consumers?from=" + from + "&to=" + to + "&tariff=cheap", "tariff");
        assertRefused(base + "/consumers?from=" + from + "&to=" + to + "&tariff=0.1,0.2", "tariff");
        assertRefused(base + "/day?date=0001-01-01", "date");
        assertRefused(base + "/energy?from=1900-01-01T00:00:00Z&to=" + to, "from");
        assertRefused(base + "/day?date=2026-11-30&tz=%2B05:30:15", "tz");
        // the longest local day so far: 27 hours, cut in minutes
        JsonNode casey = resident.get(base + "/day?date=2023-03-09&tz=Antarctica/Casey&bucket=1m").json();
        assertThat(casey.get("hours").asInt()).isEqualTo(27);
        Http.Answer tooFine = resident.get(base + "/energy?from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z&bucket=15m");
        assertThat(tooFine.json().get("reason").asText()).contains("allowed here: 1d, 1w, 1M");
    }

    /** The rows of a CSV answer by its header, read with Jackson's CSV module. */
    private static List<Map<String, String>> csvRows(String text) throws Exception {
        com.fasterxml.jackson.dataformat.csv.CsvMapper mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        try (com.fasterxml.jackson.databind.MappingIterator<Map<String, String>> rows = mapper
                .readerForMapOf(String.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .readValues(text)) {
            return rows.readAll();
        }
    }

    private static void assertRefused(String path, String field) throws Exception {
        Http.Answer answer = resident.get(path);
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).as(path).isEqualTo(field);
    }

    private static JsonNode find(JsonNode devices, String name) {
        for (JsonNode device : devices) {
            if (device.get("device").asText().equals(name)) {
                return device;
            }
        }
        throw new AssertionError("no " + name + " in " + devices);
    }

    /** Each measured minute's mean power held for the minute, from the samples themselves. */
    private static double energyWh(String device, Instant start, Instant end) {
        Map<Instant, double[]> minutes = new HashMap<>();
        SAMPLES.get(device).subMap(start, end).forEach((time, watts) -> {
            double[] acc = minutes.computeIfAbsent(time.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), m -> new double[2]);
            acc[0] += watts;
            acc[1]++;
        });
        return minutes.values().stream().mapToDouble(acc -> acc[0] / acc[1] / 60).sum();
    }

    private static double cost(String device, double[] prices) {
        Map<Instant, double[]> minutes = new HashMap<>();
        SAMPLES.get(device).forEach((time, watts) -> {
            double[] acc = minutes.computeIfAbsent(time.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), m -> new double[2]);
            acc[0] += watts;
            acc[1]++;
        });
        return minutes.entrySet().stream().mapToDouble(minute -> minute.getValue()[0] / minute.getValue()[1] / 60 / 1_000
                * prices[minute.getKey().atZone(BERLIN).getHour()]).sum();
    }

    private static long stored() throws Exception {
        try (Connection connection = DriverManager.getConnection(backend.jdbcUrl(), backend.jdbcUser(), backend.jdbcPassword());
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM reading WHERE gateway_id = ?")) {
            count.setString(1, GATEWAY);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
