package io.homegrid.persistence;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The bucket widths the query API offers; buckets are aligned to the Unix epoch (UTC). */
public enum BucketSize {
    MINUTE("1m", Duration.ofMinutes(1)),
    QUARTER_HOUR("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    private final String id;
    private final Duration width;

    BucketSize(String id, Duration width) {
        this.id = id;
        this.width = width;
    }

    public String id() {
        return id;
    }

    public Duration width() {
        return width;
    }

    public static Optional<BucketSize> byId(String id) {
        return Arrays.stream(values()).filter(size -> size.id.equals(id)).findFirst();
    }
}
