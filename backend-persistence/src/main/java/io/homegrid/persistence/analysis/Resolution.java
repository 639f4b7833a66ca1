package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.util.Collection;

/**
 * The rollup levels an analysis reads, finest first, each with its UTC-aligned bucket width. An
 * analysis reads the coarsest level whose buckets tile every boundary it needs, so that four
 * weeks of a household are a few thousand rows, never its raw 2 s readings.
 */
public enum Resolution {
    MINUTE(60),
    QUARTER_HOUR(900),
    HOUR(3_600),
    DAY(86_400);

    private final long seconds;

    Resolution(long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }

    public boolean aligned(Instant time) {
        return time.getNano() == 0 && Math.floorMod(time.getEpochSecond(), seconds) == 0;
    }

    /**
     * The coarsest level every boundary lies on.
     *
     * @throws LocalBuckets.UnalignedZone if some boundary is not even a whole minute
     */
    public static Resolution coarsestFor(Collection<Instant> boundaries) {
        Resolution[] levels = values();
        for (int i = levels.length - 1; i >= 0; i--) {
            Resolution level = levels[i];
            if (boundaries.stream().allMatch(level::aligned)) {
                return level;
            }
        }
        throw new LocalBuckets.UnalignedZone("local boundaries that are not whole minutes");
    }
}
