package io.homegrid.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.postgresql.ds.PGSimpleDataSource;

import io.homegrid.launcher.internal.EmbeddedDatabase;
import io.homegrid.persistence.analysis.DayView;
import io.homegrid.persistence.analysis.EnergyAnalysis;
import io.homegrid.persistence.analysis.LocalBuckets;
import io.homegrid.persistence.analysis.Tariff;
import io.homegrid.persistence.analysis.TopConsumers;
import io.homegrid.persistence.analysis.WeekdayProfile;
import io.homegrid.persistence.internal.jdbc.JdbcPowerRollups;
import io.homegrid.sql.SchemaMigrator;

/**
 * Issue 14's target: with {@code bench.weeks} (default 4) weeks of a 15-plug household's 2 s
 * power readings stored through the product's writer (about 18 million rows), how fast the
 * analyses answer: the weekday profile (target &lt; 100 ms), one day device by device
 * (&lt; 50 ms), energy per day and the top consumers over the weeks. Warm, median of 21, through
 * the same classes the REST resource calls; with the plans of their queries.
 *
 * <p>{@code mvn -B -pl launcher -Pbench -DskipTests verify -Dbench.main=io.homegrid.launcher.bench.AnalysisBenchmark}
 */
public final class AnalysisBenchmark {

    private static final int PLUGS = PlugHousehold.PLUGS;
    private static final int EVERY_SECONDS = PlugHousehold.EVERY_SECONDS;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<String> GATEWAYS = List.of("gw-bench");

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int weeks = Integer.getInteger("bench.weeks", 4);
        Path dir = Files.createTempDirectory("homegrid-analysis-bench");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir)) {
            PGSimpleDataSource dataSource = PlugHousehold.dataSource(database);
            SchemaMigrator.migrate(dataSource);
            LocalDate today = LocalDate.now(BERLIN);
            Instant from = today.minusWeeks(weeks).atStartOfDay(BERLIN).toInstant();
            Instant to = today.atStartOfDay(BERLIN).toInstant();
            long started = System.nanoTime();
            long stored = PlugHousehold.load(dataSource, GATEWAYS.get(0), from,
                    (to.getEpochSecond() - from.getEpochSecond()) / PlugHousehold.EVERY_SECONDS * PlugHousehold.PLUGS);
            System.out.printf(Locale.ROOT, "stored %,d readings (%d plugs every %d s, %d weeks) in %.0f s%n", stored, PLUGS,
                    EVERY_SECONDS, weeks, (System.nanoTime() - started) / 1e9);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }

            // The product's pool, as the REST resources have it: a connection per analysis is not the cost to measure
            com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
            pool.setDataSource(dataSource);
            JdbcPowerRollups rollups = new JdbcPowerRollups(pool);
            Instant now = Instant.now();
            LocalDate yesterday = today.minusDays(1);
            Tariff tariff = Tariff.parse("0.2,0.2,0.2,0.2,0.2,0.2,0.2,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,0.35,"
                    + "0.35,0.35,0.35,0.35,0.2,0.2");
            System.out.println();
            System.out.printf("| analysis (%d plugs, %d weeks, Europe/Berlin) | rows read | median ms of 21, warm | target |%n",
                    PLUGS, weeks);
            System.out.println("|---|---|---|---|");
            row("weekday profile, 15 min slots, by device", "quarter-hour", 100, () -> new WeekdayProfile(rollups)
                    .profile(GATEWAYS, null, weeks, LocalBuckets.Width.QUARTER_HOUR, BERLIN, now, true));
            row("weekday profile, 1 h slots", "hour", 100, () -> new WeekdayProfile(rollups)
                    .profile(GATEWAYS, null, weeks, LocalBuckets.Width.HOUR, BERLIN, now, false));
            row("one day, 5 min buckets, device by device", "minute", 50, () -> new DayView(rollups)
                    .day(GATEWAYS, null, yesterday, LocalBuckets.Width.FIVE_MINUTES, BERLIN));
            row("one day, 15 min buckets", "quarter-hour", 50, () -> new DayView(rollups)
                    .day(GATEWAYS, null, yesterday, LocalBuckets.Width.QUARTER_HOUR, BERLIN));
            row("energy per local day over the weeks, by device", "hour", 0, () -> new EnergyAnalysis(rollups)
                    .energy(GATEWAYS, null, from, to, LocalBuckets.Width.DAY, BERLIN, true));
            row("top consumers over the weeks, time-of-use tariff", "hour", 0, () -> new TopConsumers(rollups)
                    .rank(GATEWAYS, null, from, to, tariff, BERLIN));

            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                String devices = "ARRAY[" + String.join(",", plugs().stream().map(p -> "'" + p + "'").toList()) + "]";
                List<Instant> slots = new LocalBuckets(LocalBuckets.Width.QUARTER_HOUR, BERLIN).boundaries(from, to,
                        Integer.MAX_VALUE - 1);
                int[] profileSlots = new int[slots.size() - 1];
                for (int i = 0; i < profileSlots.length; i++) {
                    java.time.ZonedDateTime local = slots.get(i).atZone(BERLIN);
                    profileSlots[i] = (local.getDayOfWeek().getValue() - 1) * 96 + local.toLocalTime().toSecondOfDay() / 900;
                }
                explain(s, "the profile's query (quarter-hour rollup, " + weeks + " weeks, summed per weekday slot)",
                        "reading_quarter", "sum(u.minutes)", "u.minutes", devices, slots, profileSlots);
                List<Instant> fiveMinutes = new LocalBuckets(LocalBuckets.Width.FIVE_MINUTES, BERLIN).boundaries(
                        yesterday.atStartOfDay(BERLIN).toInstant(), today.atStartOfDay(BERLIN).toInstant(), 1_500);
                int[] identity = new int[fiveMinutes.size() - 1];
                Arrays.setAll(identity, i -> i);
                explain(s, "the day view's query (minute rollup, one day, summed per 5 minutes)", "reading_minute",
                        "count(*)", "1", devices, fiveMinutes, identity);
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM reading_row), (SELECT count(*) FROM"
                        + " reading_minute), (SELECT count(*) FROM reading_quarter), (SELECT count(*) FROM reading_hour)")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "%nrows: raw %,d, minute %,d, quarter-hour %,d, hour %,d%n", rs.getLong(1),
                            rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
    }

    private static List<String> plugs() {
        List<String> plugs = new ArrayList<>();
        for (int p = 0; p < PLUGS; p++) {
            plugs.add("plug-" + p);
        }
        return plugs;
    }

    private static void row(String name, String level, int targetMs, Callable<Object> analysis) throws Exception {
        double[] ms = new double[21];
        for (int i = -5; i < ms.length; i++) {
            long t = System.nanoTime();
            analysis.call();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %s |%n", name, level, ms[ms.length / 2],
                targetMs == 0 ? "" : "< " + targetMs + " ms");
    }

    private static String seriesIds(Statement s, String devices) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT series_id FROM series WHERE sensor = 'power' AND device_id = ANY ("
                + devices + ")")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return "ARRAY[" + String.join(",", ids) + "]";
    }

    /** The plan of {@code JdbcPowerRollups.grouped}'s query, with these boundaries and groups written out. */
    private static void explain(Statement s, String title, String table, String minutes, String perBucketMinutes,
            String devices, List<Instant> boundaries, int[] groups) throws SQLException {
        StringBuilder thresholds = new StringBuilder("ARRAY[");
        StringBuilder groupOf = new StringBuilder("ARRAY[");
        for (int i = 0; i < groups.length; i++) {
            thresholds.append(i == 0 ? "" : ",").append(boundaries.get(i).getEpochSecond()).append(".0");
            groupOf.append(i == 0 ? "" : ",").append(groups[i]);
        }
        System.out.printf("%n%s:%n```%n", title);
        try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON)"
                + " SELECT u.series_id, (" + groupOf + "]::int[])[width_bucket(extract(epoch FROM u.bucket)::float8, "
                + thresholds + "]::float8[])], sum(u.n), sum(u.sum), min(u.min), max(u.max), " + minutes
                + ", sum(u.sum / u.n * " + perBucketMinutes + ") / 60"
                + " FROM " + table + " u WHERE u.series_id = ANY (" + seriesIds(s, devices) + ")"
                + " AND u.bucket >= '" + boundaries.get(0) + "' AND u.bucket < '" + boundaries.get(boundaries.size() - 1)
                + "' GROUP BY 1, 2")) {
            while (rs.next()) {
                System.out.println(rs.getString(1));
            }
        }
        System.out.println("```");
    }
}
