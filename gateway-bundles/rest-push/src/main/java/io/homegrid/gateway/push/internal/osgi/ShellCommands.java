package io.homegrid.gateway.push.internal.osgi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.push.GatewayShell;

/**
 * Offers the {@code homegrid:} commands to Gogo, one function service each (Gogo's own
 * convention: {@code osgi.command.scope} and {@code osgi.command.function}), where Gogo is
 * installed; without it the gateway runs the same, shell-less.
 */
final class ShellCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ShellCommands.class);
    private static final String FUNCTION = "org.apache.felix.service.command.Function";

    private ShellCommands() {
    }

    static List<ServiceRegistration<?>> offer(BundleContext context, GatewayShell shell) {
        try {
            Class.forName(FUNCTION, false, ShellCommands.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.info("No Gogo shell here: the homegrid: commands are not offered");
            return List.of();
        }
        List<ServiceRegistration<?>> registered = new ArrayList<>();
        for (String command : GatewayShell.COMMANDS) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("osgi.command.scope", "homegrid");
            properties.put("osgi.command.function", command);
            registered.add(context.registerService(FUNCTION,
                    new io.homegrid.gateway.push.internal.shell.ShellFunction(shell, command), properties));
        }
        return registered;
    }
}
