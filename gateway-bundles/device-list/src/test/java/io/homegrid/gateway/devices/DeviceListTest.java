package io.homegrid.gateway.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.SensorKind;

class DeviceListTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final DeviceList list = new DeviceList(Duration.ofMinutes(1), clock);

    @Test
    void aDeviceThatIdentifiesItselfJoinsWithItsMetadata() {
        list.deviceEvent(new DeviceEvent(DeviceEvent.Kind.IDENTIFIED, "A1", "smart-plug", "Fridge", true, T0));
        list.accept(List.of(new Measurement("A1", SensorKind.POWER, 85, T0)));

        DeviceDescription fridge = list.device("A1").orElseThrow();
        assertThat(fridge.type()).isEqualTo("smart-plug");
        assertThat(fridge.name()).isEqualTo("Fridge");
        assertThat(fridge.relay()).isTrue();
        assertThat(fridge.state()).isEqualTo(DeviceState.JOINED);
        assertThat(list.latest("A1").orElseThrow()).extracting(Measurement::value).containsExactly(85.0);
    }

    @Test
    void aSilentDeviceIsMarkedLeftAndComesBackWhenItReportsAgain() {
        list.accept(List.of(new Measurement("A1", SensorKind.POWER, 85, T0)));
        long joinedVersion = list.version();

        now.set(T0.plusSeconds(61));
        list.sweep();

        assertThat(list.device("A1").orElseThrow().state()).isEqualTo(DeviceState.LEFT);
        assertThat(list.version()).isGreaterThan(joinedVersion);

        list.accept(List.of(new Measurement("A1", SensorKind.POWER, 90, T0.plusSeconds(62))));
        assertThat(list.device("A1").orElseThrow().state()).isEqualTo(DeviceState.JOINED);
    }

    @Test
    void nothingChangesWhileTheSameDeviceKeepsReporting() {
        list.accept(List.of(new Measurement("A1", SensorKind.POWER, 85, T0)));
        long version = list.version();

        list.accept(List.of(new Measurement("A1", SensorKind.POWER, 86, T0.plusSeconds(2))));

        assertThat(list.version()).isEqualTo(version);
    }
}
