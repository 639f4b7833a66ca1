package io.homegrid.gateway.cache;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the reading cache lives and how long it keeps unsent readings; the one home of its defaults.
 *
 * @param file      the SQLite file; relative to the gateway's working directory
 * @param retention when unsent readings are dropped
 */
public record CacheSettings(Path file, Retention retention) {

    public static final String DEFAULT_FILE = "data/cache.db";
    public static final int DEFAULT_MAX_AGE_DAYS = 7;
    public static final int DEFAULT_MAX_MEGABYTES = 500;
    public static final CacheSettings DEFAULT = new CacheSettings(Path.of(DEFAULT_FILE), Retention.DEFAULT);

    public static Retention retention(int maxAgeDays, int maxMegabytes) {
        return new Retention(Duration.ofDays(maxAgeDays), (long) maxMegabytes << 20);
    }

    public CacheSettings withFile(Path newFile) {
        return new CacheSettings(newFile, retention);
    }
}
