package io.homegrid.gateway.push;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.Reading;
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
        StringBuilder out = new StringBuilder("gateway  ").append(gateway).append('\n');
        List<ProtocolAdapter> radios = adapters.get();
        if (radios.isEmpty()) {
            out.append("radio    none installed\n");
        }
        for (ProtocolAdapter adapter : radios) {
            out.append("radio    ").append(adapter.protocol()).append(adapter.connected() ? " connected" : " NOT connected")
                    .append('\n');
        }
        List<DeviceDescription> devices = directory.devices();
        out.append("devices  ").append(devices.stream().filter(d -> d.state() == DeviceState.JOINED).count())
                .append(" joined of ").append(devices.size()).append('\n');
        out.append(cacheLine());
        ReadingPusher pusher = push.pusher();
        Instant last = pusher.lastPush();
        out.append("backend  ").append(pusher.reachable() ? "reachable" : "NOT reachable").append(", last push ")
                .append(last == null ? "none yet" : last.toString()).append(", ").append(pusher.pushed())
                .append(" reading(s) pushed since start\n");
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
        return cacheLine();
    }

    String pushNow() {
        push.pusher().pushNow();
        return "pushing now: " + cache.size() + " reading(s) in the cache";
    }

    private String cacheLine() {
        String oldest = cache.oldest(1).stream().map(Reading::time).map(Instant::toString).findFirst().orElse("none");
        return "cache    " + cache.size() + " reading(s), oldest " + oldest + ", " + cache.evicted()
                + " evicted since start\n";
    }
}
