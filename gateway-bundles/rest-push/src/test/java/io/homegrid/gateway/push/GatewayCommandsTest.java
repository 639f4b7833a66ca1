package io.homegrid.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.devices.DeviceList;
import io.homegrid.model.CommandResult;
import io.homegrid.model.ConfigurationCommand;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DiscoveryCommand;

class GatewayCommandsTest {

    private final DeviceList devices = new DeviceList(Duration.ofMinutes(1), Clock.systemUTC());

    @Test
    void aDiscoveryAnswersWithEveryDeviceAndNamesTheOnesItFound() throws Exception {
        devices.deviceEvent(joined("0013A20041000001"));
        // a radio whose discovery makes a node answer that was not known
        ProtocolAdapter radio = new Radio(() -> devices.deviceEvent(joined("0013A20041000009")));
        GatewayCommands commands = new GatewayCommands(new RelayActuator(() -> List.of(radio)), devices,
                () -> List.of(radio), fixed(), BundleUpdates.none("no bundles"));

        CommandResult result = commands.execute(new DiscoveryCommand("d1", 1));

        assertThat(result.ok()).isTrue();
        assertThat(result.devices()).extracting(DeviceDescription::device)
                .containsExactlyInAnyOrder("0013A20041000001", "0013A20041000009");
        assertThat(result.found()).containsExactly("0013A20041000009");
    }

    @Test
    void aDiscoveryWithoutARadioIsRefused() throws Exception {
        GatewayCommands commands = new GatewayCommands(new RelayActuator(List::of), devices, List::of, fixed(), BundleUpdates.none("no bundles"));

        assertThat(commands.execute(new DiscoveryCommand("d2", 1)).reason()).isEqualTo("no radio is installed on this gateway");
    }

    @Test
    void settingsAreReadCheckedAndRefusedWhereTheyCannotChange() throws Exception {
        GatewayCommands commands = new GatewayCommands(new RelayActuator(List::of), devices, List::of, fixed(), BundleUpdates.none("no bundles"));

        CommandResult read = commands.execute(new ConfigurationCommand("c1", Map.of()));
        assertThat(read.settings()).containsEntry("intervalMillis", "1000").containsEntry("backlogRate", "2000")
                .containsEntry("batchSize", "500");
        assertThat(commands.execute(new ConfigurationCommand("c2", Map.of("batchSize", "5000"))).reason())
                .isEqualTo("batchSize must be from 1 to 1000, not 5000");
        CommandResult refused = commands.execute(new ConfigurationCommand("c3", Map.of("batchSize", "100")));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.reason()).isEqualTo("fixed here");
    }

    private static GatewaySettings fixed() {
        return GatewaySettings.fixed(PushSettings.DEFAULT, Map.of(), "fixed here");
    }

    private static DeviceEvent joined(String device) {
        return new DeviceEvent(DeviceEvent.Kind.IDENTIFIED, device, "smart-plug", null, true, Instant.now());
    }

    private record Radio(Runnable onDiscover) implements ProtocolAdapter {
        @Override
        public String protocol() {
            return "test";
        }

        @Override
        public boolean connected() {
            return true;
        }

        @Override
        public boolean reaches(String device) {
            return true;
        }

        @Override
        public CompletableFuture<Boolean> setRelay(String device, boolean on) {
            return CompletableFuture.completedFuture(on);
        }

        @Override
        public void discover() {
            onDiscover.run();
        }
    }
}
