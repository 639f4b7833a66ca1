package io.homegrid.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.homegrid.gateway.push.CommandChannel;

/**
 * What {@code ./homegrid gateway} runs.
 *
 * @param radio     {@code tcp://host:port} (simulator, network bridge) or a serial port such as {@code /dev/ttyUSB0}
 * @param localPort port of the gateway's local REST API; 0 for none
 * @param silence   a device silent this long is marked left
 */
public record GatewayConfig(String id, URI backend, String radio, Path dataDir, int localPort, Duration silence,
        Duration pushInterval, int backlogRate, Duration commandWait) {

    public static GatewayConfig of(String id, URI backend, String radio, Path dataDir, int localPort) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, Duration.ofSeconds(60), Duration.ofSeconds(1),
                2_000, CommandChannel.DEFAULT_WAIT);
    }

    public GatewayConfig withSilence(Duration leftAfter) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, leftAfter, pushInterval, backlogRate, commandWait);
    }

    public GatewayConfig withPushInterval(Duration interval) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, silence, interval, backlogRate, commandWait);
    }

    public GatewayConfig withBacklogRate(int readingsPerSecond) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, silence, pushInterval, readingsPerSecond,
                commandWait);
    }

    public GatewayConfig withCommandWait(Duration wait) {
        return new GatewayConfig(id, backend, radio, dataDir, localPort, silence, pushInterval, backlogRate, wait);
    }
}
