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
import io.homegrid.testing.TestPostgres;

class JdbcReadingWriterTest {

    private final DataSource database = TestPostgres.freshDatabase();
    private final JdbcReadingWriter writer = new JdbcReadingWriter(database);
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

    private long count(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
