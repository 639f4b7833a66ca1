package io.homegrid.gateway.descriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.model.SensorKind;

class SensorDescriptionsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void turnsASmartPlugSampleIntoCanonicalReadings() {
        SensorDescriptions descriptions = new SensorDescriptions(DeviceTypeDescription.defaults(), "smart-plug");

        List<Measurement> readings = descriptions.describe(new RawSample("plug", "smart-plug", NOW,
                Map.of("AD0", 64, "AD1", 100, "AD2", 605, "AD3", 300), Map.of("DIO4", true)));

        assertThat(readings).extracting(Measurement::sensor).containsExactly(SensorKind.CURRENT, SensorKind.POWER,
                SensorKind.TEMPERATURE, SensorKind.LIGHT, SensorKind.RELAY);
        assertThat(value(readings, SensorKind.POWER)).isEqualTo(360.0);
        assertThat(value(readings, SensorKind.CURRENT)).isCloseTo(1.001, within(0.001));
        assertThat(value(readings, SensorKind.TEMPERATURE)).isCloseTo(20.97, within(0.01));
        assertThat(value(readings, SensorKind.RELAY)).isEqualTo(1.0);
    }

    @Test
    void appliesCalibrationFromConfiguration() {
        SensorDescriptions descriptions = new SensorDescriptions(SensorDescriptions.calibrate(
                DeviceTypeDescription.defaults(), Map.of("smart-plug.AD1.factor", "3.5", "smart-plug.AD1.offset", 2.0)),
                "smart-plug");

        List<Measurement> readings = descriptions.describe(new RawSample("plug", "smart-plug", NOW,
                Map.of("AD1", 100), Map.of()));

        assertThat(value(readings, SensorKind.POWER)).isEqualTo(352.0);
    }

    @Test
    void usesTheDefaultTypeForADeviceNotIdentifiedYetAndDropsUnknownTypes() {
        SensorDescriptions descriptions = new SensorDescriptions(DeviceTypeDescription.defaults(), "smart-plug");

        assertThat(descriptions.describe(new RawSample("plug", null, NOW, Map.of("AD1", 1), Map.of()))).hasSize(1);
        assertThat(descriptions.describe(new RawSample("x", "toaster", NOW, Map.of("AD1", 1), Map.of()))).isEmpty();
    }

    private static double value(List<Measurement> readings, SensorKind kind) {
        return readings.stream().filter(r -> r.sensor() == kind).findFirst().orElseThrow().value();
    }
}
