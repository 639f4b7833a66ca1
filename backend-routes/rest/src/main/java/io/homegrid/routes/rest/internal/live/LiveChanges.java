package io.homegrid.routes.rest.internal.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.homegrid.model.DeviceBatch;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;

/**
 * What changed, for the live channel's {@code device} and {@code relay} messages: a gateway
 * pushes its whole device list whenever one device changed, and a plug reports its relay with
 * every sample; clients want the joins, the leaves and the switches. Holds one entry per device
 * this instance heard of.
 */
final class LiveChanges {

    private final Map<String, DeviceState> states = new ConcurrentHashMap<>();
    private final Map<String, Boolean> relays = new ConcurrentHashMap<>();

    /** The devices of the list whose state differs from the last list of their gateway (all, the first time). */
    List<DeviceDescription> joinedOrLeft(DeviceBatch batch) {
        List<DeviceDescription> changed = new ArrayList<>();
        for (DeviceDescription device : batch.devices()) {
            if (states.put(key(batch.gateway(), device.device()), device.state()) != device.state()) {
                changed.add(device);
            }
        }
        return changed;
    }

    /** Whether this relay reading is a switch (or the first state heard of the plug). */
    boolean switched(String gateway, String device, double value) {
        boolean on = value != 0;
        Boolean before = relays.put(key(gateway, device), on);
        return before == null || before != on;
    }

    private static String key(String gateway, String device) {
        return gateway + '/' + device;
    }
}
