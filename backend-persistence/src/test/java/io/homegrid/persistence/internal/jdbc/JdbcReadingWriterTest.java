package io.homegrid.persistence.internal.jdbc;

import static io.homegrid.persistence.Fixtures.T0;
import static io.homegrid.persistence.Fixtures.batch;
import static io.homegrid.persistence.Fixtures.power;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.homegrid.model.Reading;
import io.homegrid.model.ReplaySeq;
import io.homegrid.model.SensorKind;
import io.homegrid.persistence.BucketSize;
import io.homegrid.persistence.ReadingBucket;
import io.homegrid.persistence.SensorView;
import io.homegrid.persistence.StoredReading;
import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.MutableClock;
import io.homegrid.testing.TestPostgres;

class JdbcReadingWriterTest {

    private final DataSource database = TestPostgres.freshDatabase();
    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    private final ReadingPartitions partitions = new ReadingPartitions(database, clock, Duration.ofDays(90));
    private final JdbcReadingWriter writer = new JdbcReadingWriter(database, partitions);
    private final JdbcReadingQueries queries = new JdbcReadingQueries(database);

    @BeforeEach
    void migrate() {
        SchemaMigrator.migrate(database);
    }

    @Test
    void storesEachReadingOnceHoweverOftenItIsWritten() throws Exception {
        var pushed = batch("gw-1", power("d1", 10, T0, 1), power("d1", 20, T0.plusSeconds(2), 2),
                power("d2", 30, T0, 3));

        WriteResult first = writer.write(List.of(pushed));
        WriteResult again = writer.write(List.of(pushed, pushed, pushed));

        assertThat(first).isEqualTo(new WriteResult(3, 0));
        assertThat(again).isEqualTo(new WriteResult(0, 9));
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(3);
    }

    /** Issue 12: a pipeline replay's readings join the history, naming their replay; an isolated one's stay apart. */
    @Test
    void replayedReadingsAreStoredOnceAgainAndIsolatedOnesApart() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO replay (replay_id, household_id, requested_by, from_time, to_time, gateways, devices,"
                    + " mode, state, created) VALUES (7, 'default', 'op', now(), now(), '{gw-1}', '{}', 'isolated', 'running', now())");
        }
        writer.write(List.of(batch("gw-1", power("d1", 10, T0, 1))));
        long pipeline = ReplaySeq.of(6, false, 0);
        long isolated = ReplaySeq.of(7, true, 0);

        WriteResult result = writer.write(List.of(batch("gw-1", power("d1", 20, T0.plusSeconds(5), pipeline),
                power("d1", 99, T0.plusSeconds(9), isolated))));
        WriteResult again = writer.write(List.of(batch("gw-1", power("d1", 99, T0.plusSeconds(9), isolated))));

        assertThat(result).isEqualTo(new WriteResult(2, 0));
        assertThat(again).isEqualTo(new WriteResult(0, 1));
        assertThat(count("SELECT count(*) FROM reading WHERE replay_id = 6 AND seq = " + pipeline)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reading WHERE replay_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reading WHERE seq = " + isolated)).isZero();
        assertThat(queries.readings("d1", null, T0, T0.plusSeconds(60), 100, null)).extracting(StoredReading::value)
                .containsExactly(10.0, 20.0);
        assertThat(queries.readings("d1", null, T0, T0.plusSeconds(60), 100, 7L)).extracting(StoredReading::value)
                .containsExactly(99.0);
        assertThat(queries.readings("d1", SensorKind.POWER, T0, T0.plusSeconds(60), 100, 7L)).extracting(StoredReading::value)
                .containsExactly(99.0);
        assertThat(queries.latest(List.of("d1")).get("d1")).extracting(SensorView::value).containsExactly(20.0);
    }

    @Test
    void sameSeqFromAnotherGatewayIsAnotherReading() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 10, T0, 1)), batch("gw-2", power("d9", 10, T0, 1))));

        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM gateway")).isEqualTo(2);
    }

    @Test
    void latestKeepsTheNewestReadingEvenWhenAnOlderOneArrivesLater() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 50, T0.plusSeconds(10), 2))));
        writer.write(List.of(batch("gw-1", power("d1", 40, T0, 1))));

        List<SensorView> latest = queries.latest(List.of("d1")).get("d1");

        assertThat(latest).containsExactly(new SensorView("power", "W", 50.0, T0.plusSeconds(10), 2L));
    }

    @Test
    void readingsOfAnUnknownDeviceCreateItAsReporting() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 50, T0, 1))));

        assertThat(count("SELECT count(*) FROM device WHERE device_id = 'd1' AND state = 'reporting'"
                + " AND gateway_id = 'gw-1'")).isEqualTo(1);
    }

    @Test
    void answersRawReadingsInRangeOldestFirst() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 3, T0.plusSeconds(120), 3), power("d1", 1, T0, 1),
                power("d1", 2, T0.plusSeconds(60), 2), new Reading("d1", SensorKind.LIGHT, 5, "lx", T0, 4))));

        List<StoredReading> power = queries.readings("d1", SensorKind.POWER, T0, T0.plusSeconds(120), 100, null);
        List<StoredReading> all = queries.readings("d1", null, T0, T0.plusSeconds(121), 100, null);

        assertThat(power).extracting(StoredReading::value).containsExactly(1.0, 2.0);
        assertThat(all).hasSize(4);
        assertThat(queries.readings("d1", null, T0, T0.plusSeconds(121), 2, null)).hasSize(2);
    }

    @Test
    void aggregatesIntoEpochAlignedBuckets() throws Exception {
        writer.write(List.of(batch("gw-1",
                power("d1", 10, T0.plusSeconds(5), 1), power("d1", 20, T0.plusSeconds(35), 2),
                power("d1", 60, T0.plusSeconds(65), 3))));

        List<ReadingBucket> buckets = queries.buckets("d1", SensorKind.POWER, T0, T0.plus(Duration.ofHours(1)),
                BucketSize.MINUTE);

        assertThat(buckets).containsExactly(
                new ReadingBucket("power", T0, 15, 10, 20, 2),
                new ReadingBucket("power", T0.plusSeconds(60), 60, 60, 60, 1));
        assertThat(queries.buckets("d1", null, T0, T0.plus(Duration.ofHours(1)), BucketSize.HOUR))
                .containsExactly(new ReadingBucket("power", T0, 30, 10, 60, 3));
    }

    @Test
    void countsReadings() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 1, T0, 1), power("d1", 1, T0, 2))));

        assertThat(queries.readingCount()).isEqualTo(2);
    }

    /** Issue 13: idempotency lives in the seen bitmap, not in a partition's index. */
    @Test
    void aReadingReSentWithAnotherDaysTimeIsStoredOnce() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 10, T0, 1))));

        WriteResult again = writer.write(List.of(batch("gw-1", power("d1", 10, T0.plus(Duration.ofDays(1)), 1))));

        assertThat(again).isEqualTo(new WriteResult(0, 1));
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'reading_row'::regclass")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM reading_p20261122")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reading_p20261123")).isZero();
        assertThat(count("SELECT sum(n) FROM reading_day")).isEqualTo(1);
    }

    /** Issue 13: whole day partitions go when they pass the retention; the rollups and the seen bits stay. */
    @Test
    void partitionsPastTheRetentionAreDroppedWholeAndTheirRollupsKept() throws Exception {
        writer.write(List.of(batch("gw-1", power("d1", 10, T0, 1), power("d1", 30, T0.plusSeconds(30), 2),
                power("d1", 50, T0.plus(Duration.ofDays(1)), 3))));
        clock.set(T0.plus(Duration.ofDays(91)).plusSeconds(1));

        List<String> dropped = partitions.maintain();

        assertThat(dropped).containsExactly("reading_p20261122");
        assertThat(count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'reading_row'::regclass AND c.relname = 'reading_p20261122'")).isZero();
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(1);
        assertThat(queries.buckets("d1", SensorKind.POWER, T0, T0.plus(Duration.ofDays(1)), BucketSize.DAY))
                .containsExactly(new ReadingBucket("power", T0, 20, 10, 30, 2));
        // a re-send of a dropped reading is still known, and an old one never seen counts in the rollups only
        assertThat(writer.write(List.of(batch("gw-1", power("d1", 10, T0, 1))))).isEqualTo(new WriteResult(0, 1));
        assertThat(writer.write(List.of(batch("gw-1", power("d1", 90, T0.plusSeconds(60), 4)))))
                .isEqualTo(new WriteResult(1, 0));
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'reading_row'::regclass")).isEqualTo(3);
        assertThat(queries.buckets("d1", SensorKind.POWER, T0, T0.plus(Duration.ofDays(1)), BucketSize.DAY))
                .containsExactly(new ReadingBucket("power", T0, 130.0 / 3, 10, 90, 3));
    }

    /** Issue 13: the rollups equal what the raw rows give, however the writes overlapped and repeated. */
    @Test
    void rollupsEqualAggregatesOfTheRawRowsUnderConcurrentRepeatedWrites() throws Exception {
        java.util.Random random = new java.util.Random(13);
        List<io.homegrid.model.ReadingBatch> batches = new java.util.ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<Reading> readings = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long seq = random.nextInt(1_500);
                readings.add(power("d" + seq % 4, seq % 997, T0.plusSeconds(seq * 7), seq));
            }
            batches.add(batch("gw-" + b % 3, readings.toArray(Reading[]::new)));
        }
        JdbcReadingWriter other = new JdbcReadingWriter(database, partitions);
        var first = java.util.concurrent.CompletableFuture.runAsync(() -> writeAll(writer, batches));
        var second = java.util.concurrent.CompletableFuture.runAsync(() -> writeAll(other, reversed(batches)));
        first.get();
        second.get();

        for (String[] level : new String[][] {{"reading_minute", "1 minute"}, {"reading_quarter", "15 minutes"},
            {"reading_hour", "1 hour"}, {"reading_day", "1 day"}}) {
            assertThat(count("SELECT count(*) FROM (SELECT series_id, date_bin('" + level[1] + "', measured_at,"
                    + " timestamptz '1970-01-01 00:00:00+00') AS bucket, count(*) AS n, sum(value) AS sum, min(value) AS min,"
                    + " max(value) AS max FROM reading_row GROUP BY 1, 2) raw FULL JOIN " + level[0] + " r USING (series_id, bucket)"
                    + " WHERE r.n IS DISTINCT FROM raw.n OR abs(r.sum - raw.sum) > 1e-6 OR r.min IS DISTINCT FROM raw.min"
                    + " OR r.max IS DISTINCT FROM raw.max")).as(level[0]).isZero();
        }
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(count("SELECT count(DISTINCT (gateway_id, seq)) FROM reading"));
        assertThat(count("SELECT sum(n) FROM reading_day")).isEqualTo(count("SELECT count(*) FROM reading"));
        // Issue 14: each coarser level knows how many of its minutes hold a reading, however the writes met
        for (String[] level : new String[][] {{"reading_quarter", "15 minutes"}, {"reading_hour", "1 hour"},
            {"reading_day", "1 day"}}) {
            assertThat(count("SELECT count(*) FROM (SELECT series_id, date_bin('" + level[1] + "', measured_at,"
                    + " timestamptz '1970-01-01 00:00:00+00') AS bucket,"
                    + " count(DISTINCT date_trunc('minute', measured_at)) AS minutes FROM reading_row GROUP BY 1, 2) raw"
                    + " FULL JOIN " + level[0] + " r USING (series_id, bucket) WHERE r.minutes IS DISTINCT FROM raw.minutes"))
                    .as(level[0] + " minutes").isZero();
        }
    }

    /** Issue 13: buckets from rollups plus the raw edges give what the raw rows alone give, at any alignment. */
    @Test
    void bucketsOverUnalignedRangesEqualTheRawAggregates() throws Exception {
        List<Reading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            readings.add(power("d1", i % 37, T0.plusSeconds(i * 17L), i));
        }
        writer.write(List.of(batch("gw-1", readings.toArray(Reading[]::new))));
        java.time.Instant from = T0.plusSeconds(1_234);
        java.time.Instant to = T0.plusSeconds(9_000);

        for (BucketSize size : BucketSize.values()) {
            List<ReadingBucket> buckets = queries.buckets("d1", SensorKind.POWER, from, to, size);
            List<ReadingBucket> expected = new java.util.ArrayList<>();
            java.util.TreeMap<Long, List<Double>> raw = new java.util.TreeMap<>();
            for (Reading r : readings) {
                if (!r.time().isBefore(from) && r.time().isBefore(to)) {
                    long width = size.width().toMillis();
                    raw.computeIfAbsent(Math.floorDiv(r.time().toEpochMilli(), width) * width, k -> new java.util.ArrayList<>())
                            .add(r.value());
                }
            }
            raw.forEach((start, values) -> expected.add(new ReadingBucket("power", java.time.Instant.ofEpochMilli(start),
                    values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), values.size())));
            assertThat(buckets).as(size.id()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                ReadingBucket got = buckets.get(i);
                ReadingBucket want = expected.get(i);
                assertThat(got.bucket()).as(size.id()).isEqualTo(want.bucket());
                assertThat(got.count()).as(size.id()).isEqualTo(want.count());
                assertThat(got.avg()).as(size.id()).isCloseTo(want.avg(), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(got.min()).isEqualTo(want.min());
                assertThat(got.max()).isEqualTo(want.max());
            }
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static void writeAll(JdbcReadingWriter writer, List<io.homegrid.model.ReadingBatch> batches) {
        try {
            for (int i = 0; i < batches.size(); i += 4) {
                writer.write(batches.subList(i, Math.min(batches.size(), i + 4)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
