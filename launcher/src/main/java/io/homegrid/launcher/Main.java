package io.homegrid.launcher;

import org.slf4j.bridge.SLF4JBridgeHandler;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code ./homegrid}. */
@Command(name = "homegrid", mixinStandardHelpOptions = true, version = "homegrid 0.1.0",
        description = "Device-level home energy metering and control.",
        subcommands = {DemoCommand.class, BackendCommand.class, BrokerCommand.class, ClusterCommand.class, GatewayCommand.class, SimulateCommand.class,
                SimulateCommunityCommand.class, EvaluateForecastCommand.class, KarafCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // CXF and EclipseLink log through java.util.logging: route it to SLF4J like everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
