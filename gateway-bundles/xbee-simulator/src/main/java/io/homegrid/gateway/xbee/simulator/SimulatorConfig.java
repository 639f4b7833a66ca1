package io.homegrid.gateway.xbee.simulator;

import java.time.Clock;
import java.time.Duration;

/**
 * @param port       TCP port the coordinator listens on; 0 for any free one
 * @param plugs      smart plugs in the network
 * @param sensors    room sensors in the network
 * @param period     how often every joined device sends an IO sample (the paper's field trial: 2 s)
 * @param seed       makes load curves and noise reproducible
 */
public record SimulatorConfig(int port, int plugs, int sensors, Duration period, long seed, Clock clock) {

    public static SimulatorConfig of(int port, int plugs) {
        return new SimulatorConfig(port, plugs, 1, Duration.ofSeconds(2), 42, Clock.systemDefaultZone());
    }

    public SimulatorConfig withPeriod(Duration samplePeriod) {
        return new SimulatorConfig(port, plugs, sensors, samplePeriod, seed, clock);
    }
}
