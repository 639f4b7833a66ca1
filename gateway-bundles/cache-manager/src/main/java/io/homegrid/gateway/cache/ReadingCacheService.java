package io.homegrid.gateway.cache;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import io.homegrid.gateway.api.Periodic;

/**
 * The reading cache, running: the SQLite cache and its retention task. The one assembly of the
 * bundle, started by its DS component and by the embedded launcher alike.
 */
public final class ReadingCacheService implements AutoCloseable {

    /** Retention is cheap while within limits; every few minutes bounds an overrun well below a day's readings. */
    static final Duration RETENTION_PERIOD = Duration.ofMinutes(5);
    /** Soon after start: a gateway back from a long outage may hold readings past their age. */
    static final Duration FIRST_RETENTION = Duration.ofMinutes(1);

    private final SqliteReadingCache cache;
    private final Periodic retention;

    private ReadingCacheService(SqliteReadingCache cache, Periodic retention) {
        this.cache = cache;
        this.retention = retention;
    }

    public static ReadingCacheService start(CacheSettings settings, Clock clock) throws SQLException {
        SqliteReadingCache cache = SqliteReadingCache.open(settings.file(), settings.retention(), clock);
        return new ReadingCacheService(cache, Periodic.every(RETENTION_PERIOD, FIRST_RETENTION, "cache-retention",
                cache::enforceRetention));
    }

    public SqliteReadingCache cache() {
        return cache;
    }

    /** How often retention runs. */
    public Duration retentionPeriod() {
        return retention.period();
    }

    @Override
    public void close() throws SQLException {
        retention.close();
        cache.close();
    }
}
