package io.homegrid.gateway.devices;

import java.time.Clock;

import io.homegrid.gateway.api.Periodic;

/**
 * The device list, running: the list and its periodic sweep for silent devices. The one assembly
 * of the bundle, started by its DS component and by the embedded launcher alike.
 */
public final class DeviceListService implements AutoCloseable {

    private final DeviceList devices;
    private final Periodic sweep;

    private DeviceListService(DeviceList devices, Periodic sweep) {
        this.devices = devices;
        this.sweep = sweep;
    }

    public static DeviceListService start(DeviceListSettings settings, Clock clock) {
        DeviceList devices = new DeviceList(settings.silence(), clock);
        return new DeviceListService(devices, Periodic.every(settings.sweepPeriod(), "device-list-sweep", devices::sweep));
    }

    public DeviceList devices() {
        return devices;
    }

    @Override
    public void close() {
        sweep.close();
    }
}
