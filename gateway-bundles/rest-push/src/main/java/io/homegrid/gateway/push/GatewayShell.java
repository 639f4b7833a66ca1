package io.homegrid.gateway.push;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.SensorKind;

/**
 * What an installer asks the gateway at its shell ({@code homegrid:status}, {@code devices},
 * {@code relay}, {@code discover}, {@code cache}, {@code push-now}), as text. Plain Java: the
 * Felix distribution offers it through Gogo, a test calls it directly.
 */
public final class GatewayShell {

    public static final List<String> COMMANDS = List.of("status", "devices", "relay", "discover", "cache", "push-now");

    private final String gateway;
    private final DeviceDirectory directory;
    private final ReadingCache cache;
    private final PushService push;
    private final Supplier<List<ProtocolAdapter>> adapters;

    public GatewayShell(String gateway, DeviceDirectory directory, ReadingCache cache, PushService push,
            Supplier<List<ProtocolAdapter>> adapters) {
        this.gateway = gateway;
        this.directory = directory;
        this.cache = cache;
        this.push = push;
        this.adapters = adapters;
    }

    /** Runs one command; a wrong use answers how to use it. */
    public String run(String command, List<String> arguments) {
        return switch (command) {
            case "status" -> status();
            case "devices" -> devices();
            case "relay" -> arguments.size() == 2 && List.of("on", "off").contains(arguments.get(1))
                    ? relay(arguments.get(0), "on".equals(arguments.get(1)))
                    : "usage: homegrid:relay <device> on|off";
            case "discover" -> discover();
            case "cache" -> cache();
            case "push-now" -> pushNow();
            default -> "unknown command '" + command + "'; one of " + COMMANDS;
        };
    }

    String status() {
        GatewayReport report = GatewayReport.of(gateway, directory, cache, push.pusher(), adapters);
        StringBuilder out = new StringBuilder("gateway  ").append(gateway).append('\n');
        if (report.radios().isEmpty()) {
            out.append("radio    none installed\n");
        }
        for (GatewayReport.Radio radio : report.radios()) {
            out.append("radio    ").append(radio.protocol()).append(radio.connected() ? " connected" : " NOT connected")
                    .append('\n');
        }
        out.append("devices  ").append(report.devicesJoined()).append(" joined of ").append(report.devicesKnown())
                .append('\n');
        out.append(cacheLine(report));
        out.append("backend  ").append(report.backendReachable() ? "reachable" : "NOT reachable").append(", last push ")
                .append(report.lastPush() == null ? "none yet" : report.lastPush().toString()).append(", ")
                .append(report.pushed()).append(" reading(s) pushed since start\n");
        return out.toString();
    }

    String devices() {
        StringBuilder out = new StringBuilder();
        for (DeviceDescription device : directory.devices()) {
            out.append(String.format(Locale.ROOT, "%-18s %-12s %-20s %-6s", device.device(), device.type(),
                    device.name() == null ? "" : device.name(), device.state().id()));
            directory.latest(device.device()).ifPresent(latest -> {
                for (Measurement m : latest) {
                    if (m.sensor() == SensorKind.POWER || m.sensor() == SensorKind.RELAY) {
                        out.append(' ').append(m.sensor().id()).append('=').append(m.value());
                    }
                }
            });
            out.append('\n');
        }
        return out.length() == 0 ? "no devices yet\n" : out.toString();
    }

    String relay(String device, boolean on) {
        if (directory.device(device).isEmpty()) {
            return "no device '" + device + "' is known to this gateway";
        }
        RelayActuator.Outcome outcome = push.relays().switchRelay(device, on);
        if (outcome instanceof RelayActuator.Switched switched) {
            return device + " is " + (switched.on() ? "on" : "off") + " (confirmed)";
        }
        if (outcome instanceof RelayActuator.NotConfirmed) {
            return device + " did not confirm the switch";
        }
        return "no radio reaches " + device + " right now";
    }

    String discover() {
        List<ProtocolAdapter> radios = adapters.get();
        radios.forEach(ProtocolAdapter::discover);
        return "node discovery started on " + radios.size() + " radio(s); devices join as they answer";
    }

    String cache() {
        return cacheLine(GatewayReport.of(gateway, directory, cache, push.pusher(), adapters));
    }

    String pushNow() {
        push.pusher().pushNow();
        return "pushing now: " + cache.size() + " reading(s) in the cache";
    }

    private static String cacheLine(GatewayReport report) {
        return "cache    " + report.cacheDepth() + " reading(s), oldest " + (report.oldest() == null ? "none"
                : report.oldest().toString()) + ", " + report.evicted() + " evicted since start\n";
    }
}
