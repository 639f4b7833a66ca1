package io.homegrid.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.cache.CacheSettings;
import io.homegrid.gateway.devices.DeviceListSettings;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.gateway.xbee.connector.XBeeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The embedded gateway runs each bundle at its settings record's defaults, except what it is told. */
class GatewayDefaultsTest {

    private static final URI BACKEND = URI.create("http://backend:8080");
    private final GatewayConfig config = GatewayConfig.of("gw-7", BACKEND, "tcp://radio:9750", Path.of("data"), 0);

    @Test
    void theBundlesRunAtTheirDefaultsButForRadioFileBackendAndId() {
        assertThat(config.xbee()).isEqualTo(XBeeSettings.DEFAULT.withRadio("tcp://radio:9750"));
        assertThat(config.cache()).isEqualTo(CacheSettings.DEFAULT.withFile(Path.of("data", "cache.db")));
        assertThat(config.devices()).isEqualTo(DeviceListSettings.DEFAULT);
        assertThat(config.push()).isEqualTo(PushSettings.of(BACKEND, "gw-7"));
    }

    @Test
    void theCommandLineDefaultsAreTheSettingsDefaults() {
        CommandSpec spec = new CommandLine(new GatewayCommand()).getCommandSpec();

        assertThat(spec.findOption("--id").defaultValue()).isEqualTo(PushSettings.DEFAULT.gateway());
        assertThat(spec.findOption("--backlog-rate").defaultValue())
                .isEqualTo(String.valueOf(PushSettings.DEFAULT.backlogRate()));
    }
}
