package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the minute, quarter-hour, hour and day rollups of every series as readings are stored:
 * the new readings of one write are summed per bucket in memory and added with one upsert per
 * level. Callers pass only readings stored for the first time, so a re-sent reading never counts
 * twice. Each level above the minute also counts its measured minutes (those with a minute row),
 * which the minute upsert reports as it makes them: energy needs to know what was not measured.
 */
final class Rollups {

    /** The rollup tables, finest first, with their bucket widths; bucket starts are UTC-aligned. */
    enum Level {
        MINUTE("reading_minute", 60_000L),
        QUARTER("reading_quarter", 900_000L),
        HOUR("reading_hour", 3_600_000L),
        DAY("reading_day", 86_400_000L);

        private final String table;
        private final long millis;

        Level(String table, long millis) {
            this.table = table;
            this.millis = millis;
        }

        String table() {
            return table;
        }

        long millis() {
            return millis;
        }

        Instant floor(Instant time) {
            return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
        }

        Instant ceil(Instant time) {
            Instant floor = floor(time);
            return floor.equals(time) ? time : floor.plusMillis(millis);
        }
    }

    /** The minute level, answering which of its buckets it made (xmax is 0 only in a row this statement inserted). */
    private static final String UPSERT_MINUTE = """
            INSERT INTO reading_minute AS r (series_id, bucket, n, sum, min, max)
            SELECT * FROM unnest(?::int[], ?::timestamptz[], ?::int[], ?::float8[], ?::float8[], ?::float8[])
            ON CONFLICT (series_id, bucket) DO UPDATE
              SET n = r.n + excluded.n, sum = r.sum + excluded.sum,
                  min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
            RETURNING series_id, extract(epoch FROM bucket)::bigint, xmax = 0""";

    private static final String UPSERT_COARSER = """
            INSERT INTO %s AS r (series_id, bucket, n, sum, min, max, minutes)
            SELECT * FROM unnest(?::int[], ?::timestamptz[], ?::int[], ?::float8[], ?::float8[], ?::float8[], ?::int[])
            ON CONFLICT (series_id, bucket) DO UPDATE
              SET n = r.n + excluded.n, sum = r.sum + excluded.sum,
                  min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                  minutes = r.minutes + excluded.minutes""";

    private Rollups() {
    }

    /** A reading to roll up. */
    interface Sample {
        int seriesId();

        Instant time();

        double value();
    }

    static void add(Connection connection, List<? extends Sample> samples) throws SQLException {
        if (samples.isEmpty()) {
            return;
        }
        List<Key> newMinutes = upsert(connection, Level.MINUTE, buckets(Level.MINUTE, samples));
        for (Level level : Level.values()) {
            if (level != Level.MINUTE) {
                Map<Key, Bucket> buckets = buckets(level, samples);
                for (Key minute : newMinutes) {
                    buckets.get(new Key(minute.series(), level.floor(Instant.ofEpochMilli(minute.start())).toEpochMilli()))
                            .minutes++;
                }
                upsert(connection, level, buckets);
            }
        }
    }

    private static Map<Key, Bucket> buckets(Level level, List<? extends Sample> samples) {
        // Sorted by key: two writers adding to the same buckets lock them in the same order.
        Map<Key, Bucket> buckets = new TreeMap<>();
        for (Sample sample : samples) {
            Key key = new Key(sample.seriesId(), Math.floorDiv(sample.time().toEpochMilli(), level.millis()) * level.millis());
            buckets.computeIfAbsent(key, k -> new Bucket()).add(sample.value());
        }
        return buckets;
    }

    /** @return for the minute level, the buckets it made; otherwise empty */
    private static List<Key> upsert(Connection connection, Level level, Map<Key, Bucket> buckets) throws SQLException {
        int n = buckets.size();
        Object[] series = new Object[n];
        Object[] starts = new Object[n];
        Object[] counts = new Object[n];
        Object[] sums = new Object[n];
        Object[] mins = new Object[n];
        Object[] maxes = new Object[n];
        Object[] minutes = new Object[n];
        int i = 0;
        for (Map.Entry<Key, Bucket> entry : buckets.entrySet()) {
            Bucket bucket = entry.getValue();
            series[i] = entry.getKey().series();
            starts[i] = Instant.ofEpochMilli(entry.getKey().start()).toString();
            counts[i] = bucket.count;
            sums[i] = bucket.sum;
            mins[i] = bucket.min;
            maxes[i] = bucket.max;
            minutes[i] = bucket.minutes;
            i++;
        }
        boolean minute = level == Level.MINUTE;
        try (PreparedStatement statement = connection.prepareStatement(minute ? UPSERT_MINUTE
                : UPSERT_COARSER.formatted(level.table()))) {
            statement.setArray(1, connection.createArrayOf("int4", series));
            statement.setArray(2, connection.createArrayOf("text", starts));
            statement.setArray(3, connection.createArrayOf("int4", counts));
            statement.setArray(4, connection.createArrayOf("float8", sums));
            statement.setArray(5, connection.createArrayOf("float8", mins));
            statement.setArray(6, connection.createArrayOf("float8", maxes));
            if (!minute) {
                statement.setArray(7, connection.createArrayOf("int4", minutes));
                statement.executeUpdate();
                return List.of();
            }
            List<Key> made = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        made.add(new Key(rs.getInt(1), rs.getLong(2) * 1000));
                    }
                }
            }
            return made;
        }
    }

    private record Key(int series, long start) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int c = Integer.compare(series, other.series);
            return c != 0 ? c : Long.compare(start, other.start);
        }
    }

    private static final class Bucket {
        private int count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        /** Minutes of this bucket that the write measured for the first time. */
        private int minutes;

        void add(double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }
}
