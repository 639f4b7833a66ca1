package io.homegrid.gateway.xbee.simulator;

import java.time.Clock;
import java.time.Duration;

/**
 * @param port       TCP port the coordinator listens on; 0 for any free one
 * @param plugs      smart plugs in the network
 * @param sensors    room sensors in the network
 * @param period     how often every joined device sends an IO sample (the paper's field trial: 2 s)
 * @param seed       makes load curves and noise reproducible
 * @param network    which block of 64-bit addresses the devices get: simulators of several
 *                   gateways need different ones, as real radios have different addresses
 */
public record SimulatorConfig(int port, int plugs, int sensors, Duration period, long seed, Clock clock, int network) {

    public SimulatorConfig(int port, int plugs, int sensors, Duration period, long seed, Clock clock) {
        this(port, plugs, sensors, period, seed, clock, 0);
    }

    public static SimulatorConfig of(int port, int plugs) {
        return new SimulatorConfig(port, plugs, 1, Duration.ofSeconds(2), 42, Clock.systemDefaultZone());
    }

    public SimulatorConfig withPeriod(Duration samplePeriod) {
        return new SimulatorConfig(port, plugs, sensors, samplePeriod, seed, clock, network);
    }

    public SimulatorConfig inNetwork(int block) {
        return new SimulatorConfig(port, plugs, sensors, period, seed, clock, block);
    }
}
