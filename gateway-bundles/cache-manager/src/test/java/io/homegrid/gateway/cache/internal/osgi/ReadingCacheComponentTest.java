package io.homegrid.gateway.cache.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;
import io.homegrid.gateway.cache.CacheSettings;
import io.homegrid.gateway.cache.ReadingCacheService;
import io.homegrid.model.SensorKind;

class ReadingCacheComponentTest {

    @TempDir
    Path dir;
    private final StubBundleContext bundle = new StubBundleContext();
    private final ReadingCacheComponent component = new ReadingCacheComponent();

    @AfterEach
    void deactivate() throws Exception {
        if (component.service() != null) {
            component.deactivate();
        }
    }

    @Test
    void theDefaultConfigurationIsTheSettingsDefault() {
        assertThat(ReadingCacheComponent.settings(ComponentConfig.defaults(CacheConfig.class))).isEqualTo(CacheSettings.DEFAULT);
    }

    @Test
    void activationStartsTheServiceTheLauncherStartsAndOffersItsCache() throws Exception {
        Path file = dir.resolve("cache.db");
        component.activate(ComponentConfig.build(CacheConfig.class, Map.of("file", file.toString())), bundle.context());

        assertThat(component.service()).isInstanceOf(ReadingCacheService.class);
        assertThat(bundle.active(ReadingCache.class)).containsSame(component.service().cache());
        assertThat(bundle.active(MeasurementSink.class)).containsSame(component.service().cache());
        bundle.active(MeasurementSink.class).orElseThrow()
                .accept(List.of(new Measurement("plug", SensorKind.POWER, 1, Instant.now())));
        assertThat(bundle.active(ReadingCache.class).orElseThrow().size()).isEqualTo(1);

        component.deactivate();
        assertThat(bundle.active(ReadingCache.class)).isEmpty();
    }

    /** Drift 3: one retention schedule, the service's, whichever assembly starts it. */
    @Test
    void retentionIsScheduledByTheServiceEveryFiveMinutes() throws Exception {
        component.activate(ComponentConfig.build(CacheConfig.class, Map.of("file", dir.resolve("cache.db").toString())),
                bundle.context());

        assertThat(component.service().retentionPeriod()).hasMinutes(5);
    }
}
