package io.homegrid.gateway.push.internal.shell;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

import io.homegrid.gateway.push.GatewayShell;

/**
 * One {@code homegrid:} command as a Gogo function: a function, not a method, because Gogo maps
 * commands to method names and {@code push-now} is none.
 */
public final class ShellFunction implements Function {

    private final GatewayShell shell;
    private final String command;

    public ShellFunction(GatewayShell shell, String command) {
        this.shell = shell;
        this.command = command;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        return shell.run(command, arguments.stream().map(String::valueOf).toList());
    }
}
