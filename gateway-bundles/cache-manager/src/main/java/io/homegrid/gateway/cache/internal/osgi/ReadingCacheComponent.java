package io.homegrid.gateway.cache.internal.osgi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.cache.CacheSettings;
import io.homegrid.gateway.cache.ReadingCacheService;

/** Starts {@link ReadingCacheService} and offers its cache as a {@link ReadingCache} and a {@link MeasurementSink}. */
@Component(configurationPid = "io.homegrid.gateway.cache", immediate = true, service = {})
@Designate(ocd = CacheConfig.class)
public final class ReadingCacheComponent {

    private ReadingCacheService service;
    private ServiceRegistration<?> registration;

    static CacheSettings settings(CacheConfig config) {
        return new CacheSettings(Path.of(config.file()), CacheSettings.retention(config.maxAgeDays(), config.maxMegabytes()));
    }

    @Activate
    void activate(CacheConfig config, BundleContext context) throws SQLException {
        service = ReadingCacheService.start(settings(config), Clock.systemUTC());
        registration = context.registerService(new String[] {ReadingCache.class.getName(), MeasurementSink.class.getName()},
                service.cache(), null);
    }

    @Deactivate
    void deactivate() throws SQLException {
        registration.unregister();
        service.close();
    }

    ReadingCacheService service() {
        return service;
    }
}
