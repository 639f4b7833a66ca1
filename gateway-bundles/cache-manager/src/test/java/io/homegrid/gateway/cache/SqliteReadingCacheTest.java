package io.homegrid.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.model.Reading;
import io.homegrid.model.SensorKind;

class SqliteReadingCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00.123456Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void numbersReadingsAndKeepsThemAcrossAReopen() throws Exception {
        List<Reading> stored;
        try (SqliteReadingCache cache = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, CLOCK)) {
            stored = cache.append(List.of(power("p1", 10), power("p2", 20)));
        }

        try (SqliteReadingCache reopened = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, CLOCK)) {
            assertThat(reopened.oldest(10)).isEqualTo(stored);
            assertThat(stored.get(0).time()).isEqualTo(NOW);
        }
    }

    @Test
    void sequenceNumbersNeverGoBackwardsEvenAfterEverythingWasSentAndTheGatewayRestarted() throws Exception {
        long last;
        try (SqliteReadingCache cache = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, CLOCK)) {
            List<Reading> sent = cache.append(List.of(power("p1", 1), power("p1", 2)));
            cache.remove(sent.stream().map(Reading::seq).toList());
            last = sent.get(1).seq();
        }

        try (SqliteReadingCache reopened = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, CLOCK)) {
            assertThat(reopened.size()).isZero();
            assertThat(reopened.append(List.of(power("p1", 3))).get(0).seq()).isGreaterThan(last);
        }
    }

    @Test
    void newestAndOldestComeFromBothEnds() throws Exception {
        try (SqliteReadingCache cache = SqliteReadingCache.open(dir.resolve("cache.db"), Retention.DEFAULT, CLOCK)) {
            cache.append(List.of(power("p", 1), power("p", 2), power("p", 3), power("p", 4)));

            assertThat(cache.oldest(2)).extracting(Reading::value).containsExactly(1.0, 2.0);
            assertThat(cache.newest(2)).extracting(Reading::value).containsExactly(3.0, 4.0);
        }
    }

    @Test
    void dropsReadingsPastTheirRetentionAndCountsThem() throws Exception {
        Retention oneHour = new Retention(Duration.ofHours(1), Long.MAX_VALUE);
        try (SqliteReadingCache cache = SqliteReadingCache.open(dir.resolve("cache.db"), oneHour, CLOCK)) {
            cache.append(List.of(new Measurement("p", SensorKind.POWER, 1, NOW.minus(Duration.ofHours(2))), power("p", 2)));

            cache.enforceRetention();

            assertThat(cache.oldest(10)).extracting(Reading::value).containsExactly(2.0);
            assertThat(cache.evicted()).isEqualTo(1);
        }
    }

    @Test
    void keepsTheFileUnderItsSizeCapByDroppingTheOldest() throws Exception {
        Retention tiny = new Retention(Duration.ofDays(7), 64 * 1024);
        try (SqliteReadingCache cache = SqliteReadingCache.open(dir.resolve("cache.db"), tiny, CLOCK)) {
            for (int i = 0; i < 40; i++) {
                cache.append(java.util.stream.IntStream.range(0, 100).mapToObj(v -> power("plug-with-a-long-name", v)).toList());
            }

            cache.enforceRetention();

            assertThat(cache.evicted()).isPositive();
            assertThat(cache.size()).isLessThan(4_000);
            assertThat(cache.newest(1)).isNotEmpty();
        }
    }

    private static Measurement power(String device, double watts) {
        return new Measurement(device, SensorKind.POWER, watts, NOW);
    }
}
