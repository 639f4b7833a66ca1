package io.homegrid.gateway.cache.internal.osgi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.cache.Retention;
import io.homegrid.gateway.cache.SqliteReadingCache;

/** The SQLite cache as a {@link ReadingCache} and a {@link MeasurementSink} service, with its retention task. */
@Component(configurationPid = "io.homegrid.gateway.cache", immediate = true, service = {})
@Designate(ocd = CacheConfig.class)
public final class ReadingCacheComponent {

    private SqliteReadingCache cache;
    private ScheduledExecutorService retention;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(CacheConfig config, BundleContext context) throws SQLException {
        cache = SqliteReadingCache.open(Path.of(config.file()), new Retention(Duration.ofDays(config.maxAgeDays()),
                (long) config.maxMegabytes() << 20), Clock.systemUTC());
        retention = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cache-retention"));
        retention.scheduleWithFixedDelay(cache::enforceRetention, 1, 5, TimeUnit.MINUTES);
        registration = context.registerService(new String[] {ReadingCache.class.getName(), MeasurementSink.class.getName()},
                cache, null);
    }

    @Deactivate
    void deactivate() throws SQLException {
        registration.unregister();
        retention.shutdownNow();
        cache.close();
    }
}
