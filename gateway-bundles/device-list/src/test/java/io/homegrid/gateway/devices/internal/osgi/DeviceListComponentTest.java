package io.homegrid.gateway.devices.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.testing.osgi.ComponentConfig;
import io.homegrid.testing.osgi.StubBundleContext;
import io.homegrid.gateway.devices.DeviceList;
import io.homegrid.gateway.devices.DeviceListService;
import io.homegrid.gateway.devices.DeviceListSettings;
import io.homegrid.model.DeviceState;
import io.homegrid.model.SensorKind;

class DeviceListComponentTest {

    private final StubBundleContext bundle = new StubBundleContext();
    private final DeviceListComponent component = new DeviceListComponent();

    @AfterEach
    void deactivate() {
        if (component.service() != null) {
            component.deactivate();
        }
    }

    @Test
    void theDefaultConfigurationIsTheSettingsDefault() {
        assertThat(DeviceListComponent.settings(ComponentConfig.defaults(DeviceListComponent.Config.class)))
                .isEqualTo(DeviceListSettings.DEFAULT);
    }

    @Test
    void activationStartsTheServiceTheLauncherStartsAndOffersItsList() {
        component.activate(ComponentConfig.defaults(DeviceListComponent.Config.class), bundle.context());

        assertThat(component.service()).isInstanceOf(DeviceListService.class);
        DeviceList list = component.service().devices();
        assertThat(bundle.active(DeviceDirectory.class)).containsSame(list);
        assertThat(bundle.active(DeviceEventListener.class)).containsSame(list);
        assertThat(bundle.active(MeasurementSink.class)).containsSame(list);

        component.deactivate();
        assertThat(bundle.active(DeviceDirectory.class)).isEmpty();
    }

    /** Drift 3: the sweep is scheduled by the service, from the settings' one sweep period. */
    @Test
    void aDeviceSilentForTheConfiguredTimeIsMarkedLeftBySweepsOfTheService() {
        component.activate(ComponentConfig.build(DeviceListComponent.Config.class, Map.of("silenceSeconds", 1)), bundle.context());
        bundle.active(MeasurementSink.class).orElseThrow()
                .accept(List.of(new Measurement("plug", SensorKind.POWER, 1, Instant.now())));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bundle.active(DeviceDirectory.class)
                .orElseThrow().device("plug").orElseThrow().state()).isEqualTo(DeviceState.LEFT));
    }

    @Test
    void theSweepRunsFourTimesPerSilenceButNotMoreOftenThanEveryQuarterSecond() {
        assertThat(new DeviceListSettings(Duration.ofSeconds(60)).sweepPeriod()).isEqualTo(Duration.ofSeconds(15));
        assertThat(new DeviceListSettings(Duration.ofMillis(400)).sweepPeriod()).isEqualTo(Duration.ofMillis(250));
    }
}
