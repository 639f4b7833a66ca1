package io.homegrid.persistence.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalBucketsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aSpringDaylightSavingDayHasTwentyThreeHourBucketsAndAnAutumnOneTwentyFive() {
        assertThat(hours(LocalDate.of(2026, 3, 29))).hasSize(23 + 1);
        assertThat(hours(LocalDate.of(2026, 10, 25))).hasSize(25 + 1);
        assertThat(hours(LocalDate.of(2026, 11, 30))).hasSize(24 + 1);
        // the autumn night's two 02:00 hours are two buckets, an hour apart
        List<Instant> autumn = hours(LocalDate.of(2026, 10, 25));
        assertThat(autumn.get(2)).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(autumn.get(3)).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
    }

    @Test
    void daysWeeksAndMonthsFollowTheLocalCalendar() {
        Instant from = Instant.parse("2026-10-20T10:00:00Z");
        Instant to = Instant.parse("2026-11-03T00:00:00Z");

        assertThat(new LocalBuckets(LocalBuckets.Width.WEEK, BERLIN).boundaries(from, to, 100)).containsExactly(from,
                Instant.parse("2026-10-25T23:00:00Z"), Instant.parse("2026-11-01T23:00:00Z"), to);
        assertThat(new LocalBuckets(LocalBuckets.Width.MONTH, BERLIN).boundaries(from, to, 100)).containsExactly(from,
                Instant.parse("2026-10-31T23:00:00Z"), to);
        // the day of the change is 25 hours long
        assertThat(new LocalBuckets(LocalBuckets.Width.DAY, BERLIN).next(Instant.parse("2026-10-24T22:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void hoursOfAHalfHourZoneStartAtItsLocalFullHours() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        LocalBuckets hours = new LocalBuckets(LocalBuckets.Width.HOUR, kolkata);

        assertThat(hours.floor(Instant.parse("2026-11-30T10:10:00Z"))).isEqualTo(Instant.parse("2026-11-30T09:30:00Z"));
        List<Instant> day = hours.boundaries(LocalDate.of(2026, 11, 30).atStartOfDay(kolkata).toInstant(),
                LocalDate.of(2026, 12, 1).atStartOfDay(kolkata).toInstant(), 100);
        assertThat(Resolution.coarsestFor(day)).isEqualTo(Resolution.QUARTER_HOUR);
        assertThat(Resolution.coarsestFor(hours(LocalDate.of(2026, 11, 30)))).isEqualTo(Resolution.HOUR);
    }

    @Test
    void tooManyBucketsAreRefusedBeforeTheyAreMade() {
        assertThatThrownBy(() -> new LocalBuckets(LocalBuckets.Width.MINUTE, BERLIN)
                .boundaries(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), 5_000))
                .isInstanceOf(LocalBuckets.TooManyBuckets.class).hasMessageContaining("more than 5000");
    }

    private static List<Instant> hours(LocalDate date) {
        return new LocalBuckets(LocalBuckets.Width.HOUR, BERLIN).boundaries(date.atStartOfDay(BERLIN).toInstant(),
                date.plusDays(1).atStartOfDay(BERLIN).toInstant(), 100);
    }
}
