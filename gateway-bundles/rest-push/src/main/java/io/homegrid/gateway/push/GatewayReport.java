package io.homegrid.gateway.push;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.Reading;

/**
 * How a gateway stands right now, as its local API's {@code /health} and {@code /api/v1/status}
 * and the shell's {@code homegrid:status} tell it.
 *
 * @param oldest   the oldest reading still in the cache; null when it is empty
 * @param lastPush when the backend last accepted readings; null: not since start
 */
public record GatewayReport(String gateway, List<Radio> radios, int devicesKnown, long devicesJoined, long cacheDepth,
        Instant oldest, long evicted, boolean backendReachable, Instant lastPush, long pushed, long busyAnswers) {

    public record Radio(String protocol, boolean connected) {
    }

    /** Asks each part once. */
    public static GatewayReport of(String gateway, DeviceDirectory directory, ReadingCache cache, ReadingPusher pusher,
            Supplier<List<ProtocolAdapter>> adapters) {
        List<Radio> radios = adapters.get().stream().map(a -> new Radio(a.protocol(), a.connected())).toList();
        List<DeviceDescription> devices = directory.devices();
        return new GatewayReport(gateway, radios, devices.size(),
                devices.stream().filter(d -> d.state() == DeviceState.JOINED).count(), cache.size(),
                cache.oldest(1).stream().map(Reading::time).findFirst().orElse(null), cache.evicted(), pusher.reachable(),
                pusher.lastPush(), pusher.pushed(), pusher.busyAnswers());
    }

    public boolean radioConnected() {
        return radios.stream().anyMatch(Radio::connected);
    }
}
