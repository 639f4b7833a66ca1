package io.homegrid.launcher;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.homegrid.gateway.xbee.simulator.SimulatorConfig;
import io.homegrid.gateway.xbee.simulator.XBeeSimulator;
import io.homegrid.launcher.internal.Foreground;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./homegrid simulate}: an XBee coordinator with smart plugs, over TCP, until Ctrl-C. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a ZigBee network of smart plugs and sensors behind an XBee coordinator (API frames over TCP).")
final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--plugs", defaultValue = "15", description = "smart plugs (default: ${DEFAULT-VALUE})")
    private int plugs;

    @Option(names = "--sensors", defaultValue = "1", description = "room sensors (default: ${DEFAULT-VALUE})")
    private int sensors;

    @Option(names = "--port", defaultValue = "9750", description = "TCP port of the coordinator (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--period", defaultValue = "PT2S", description = "sample period, ISO-8601 (default: ${DEFAULT-VALUE})")
    private Duration period;

    @Option(names = "--seed", defaultValue = "42", description = "seed of load curves and noise (default: ${DEFAULT-VALUE})")
    private long seed;

    @Override
    public Integer call() throws Exception {
        XBeeSimulator simulator = XBeeSimulator.start(new SimulatorConfig(port, plugs, sensors, period, seed,
                Clock.systemDefaultZone()));
        spec.commandLine().getOut().printf("xbee simulator ready on tcp://localhost:%d: %d smart plug(s), %d room sensor(s), "
                + "a sample every %s%nPress Ctrl-C to stop.%n", simulator.port(), plugs, sensors, period);
        spec.commandLine().getOut().flush();
        Foreground.runUntilStopped("homegrid-simulator", simulator);
        return 0;
    }
}
