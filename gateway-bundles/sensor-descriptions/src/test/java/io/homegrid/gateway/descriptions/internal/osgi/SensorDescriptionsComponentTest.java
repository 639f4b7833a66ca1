package io.homegrid.gateway.descriptions.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.gateway.descriptions.DescriptionSettings;
import io.homegrid.model.SensorKind;

class SensorDescriptionsComponentTest {

    private final SensorDescriptionsComponent component = new SensorDescriptionsComponent();
    private final List<Measurement> received = new CopyOnWriteArrayList<>();

    @Test
    void theDefaultConfigurationIsTheSettingsDefault() {
        assertThat(SensorDescriptionsComponent.settings(ComponentConfig.defaults(SensorDescriptionsComponent.Config.class), Map.of()))
                .isEqualTo(DescriptionSettings.DEFAULT);
    }

    @Test
    void aSampleBecomesCalibratedReadingsForEverySink() {
        component.addSink(received::addAll);
        Map<String, Object> properties = Map.of("defaultType", "smart-plug", "smart-plug.AD1.factor", "2.0");
        component.configure(ComponentConfig.build(SensorDescriptionsComponent.Config.class, properties), properties);

        component.sampleReceived(new RawSample("plug", null, Instant.now(), Map.of("AD1", 100), Map.of()));

        assertThat(received).extracting(Measurement::sensor, Measurement::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SensorKind.POWER, 200.0));
    }

    @Test
    void aNewConfigurationKeepsTheSinks() {
        component.addSink(received::addAll);
        component.configure(ComponentConfig.defaults(SensorDescriptionsComponent.Config.class), Map.of());

        Map<String, Object> recalibrated = Map.of("smart-plug.AD1.factor", 1.0);
        component.configure(ComponentConfig.defaults(SensorDescriptionsComponent.Config.class), recalibrated);
        component.sampleReceived(new RawSample("plug", "smart-plug", Instant.now(), Map.of("AD1", 100), Map.of()));

        assertThat(received).extracting(Measurement::value).containsExactly(100.0);
    }
}
