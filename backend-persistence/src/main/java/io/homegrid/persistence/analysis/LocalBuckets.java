package io.homegrid.persistence.analysis;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Buckets in a household's local time: minutes to an hour wide, or a local day (23, 24 or 25
 * hours), an ISO week from Monday, or a calendar month. Sub-day buckets are aligned to the local
 * clock; a daylight-saving change moves the clock by an hour, a multiple of each of them, so the
 * two 02:00 hours of an autumn night are two buckets and a spring night has no 02:00.
 */
public final class LocalBuckets {

    public enum Width {
        MINUTE("1m", 60),
        FIVE_MINUTES("5m", 300),
        QUARTER_HOUR("15m", 900),
        HALF_HOUR("30m", 1_800),
        HOUR("1h", 3_600),
        DAY("1d", 0),
        WEEK("1w", 0),
        MONTH("1M", 0);

        private final String id;
        private final long seconds;

        Width(String id, long seconds) {
            this.id = id;
            this.seconds = seconds;
        }

        public String id() {
            return id;
        }

        /** The width in seconds for sub-day widths; 0 for calendar ones. */
        public long seconds() {
            return seconds;
        }

        public boolean calendar() {
            return seconds == 0;
        }

        public static Optional<Width> byId(String id) {
            return Arrays.stream(values()).filter(width -> width.id.equals(id)).findFirst();
        }
    }

    /** A period cut into more buckets than an answer may hold. */
    public static final class TooManyBuckets extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooManyBuckets(String message) {
            super(message);
        }
    }

    /** A zone whose offset in the period is not a whole number of minutes (local mean time, before 1972 at the latest). */
    public static final class UnalignedZone extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnalignedZone(String message) {
            super(message);
        }
    }

    private final Width width;
    private final ZoneId zone;

    public LocalBuckets(Width width, ZoneId zone) {
        this.width = width;
        this.zone = zone;
    }

    /** The start of the bucket that holds this instant. */
    public Instant floor(Instant time) {
        if (!width.calendar()) {
            long local = time.getEpochSecond() + zone.getRules().getOffset(time).getTotalSeconds();
            return Instant.ofEpochSecond(time.getEpochSecond() - Math.floorMod(local, width.seconds()));
        }
        LocalDate date = LocalDate.ofInstant(time, zone);
        LocalDate first = switch (width) {
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            default -> date;
        };
        return first.atStartOfDay(zone).toInstant();
    }

    /** The start of the bucket after the one that starts at {@code start}. */
    public Instant next(Instant start) {
        if (!width.calendar()) {
            return start.plusSeconds(width.seconds());
        }
        LocalDate date = LocalDate.ofInstant(start, zone);
        LocalDate next = switch (width) {
            case WEEK -> date.plusWeeks(1);
            case MONTH -> date.plusMonths(1);
            default -> date.plusDays(1);
        };
        return next.atStartOfDay(zone).toInstant();
    }

    /**
     * The boundaries of [from, to) cut at every bucket start inside it: {@code from}, the starts,
     * {@code to}. At most {@code limit} buckets.
     *
     * @throws TooManyBuckets if there would be more
     */
    public List<Instant> boundaries(Instant from, Instant to, int limit) {
        List<Instant> boundaries = new ArrayList<>();
        boundaries.add(from);
        for (Instant start = next(floor(from)); start.isBefore(to); start = next(start)) {
            if (boundaries.size() >= limit) {
                throw new TooManyBuckets("more than " + limit + " buckets of " + width.id());
            }
            boundaries.add(start);
        }
        boundaries.add(to);
        return boundaries;
    }
}
