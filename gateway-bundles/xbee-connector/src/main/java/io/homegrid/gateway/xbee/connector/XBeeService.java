package io.homegrid.gateway.xbee.connector;

import java.time.Clock;

import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.Periodic;
import io.homegrid.gateway.api.SampleListener;

/**
 * The XBee connector, running: the adapter with its radio supervision and the periodic node
 * discovery. The one assembly of the bundle: its DS component and the embedded launcher both
 * {@link #start} it; closing it stops every thread it started.
 */
public final class XBeeService implements AutoCloseable {

    private final XBeeAdapter adapter;
    private final Periodic discovery;

    private XBeeService(XBeeAdapter adapter, Periodic discovery) {
        this.adapter = adapter;
        this.discovery = discovery;
    }

    public static XBeeService start(XBeeSettings settings, Clock clock) {
        XBeeAdapter adapter = new XBeeAdapter(settings.radio(), settings.baudRate(), clock);
        // The adapter discovers once on every connect; this finds nodes whose identification was lost.
        Periodic discovery = Periodic.every(settings.discoveryInterval(), "xbee-discovery", adapter::discover);
        adapter.start();
        return new XBeeService(adapter, discovery);
    }

    public XBeeAdapter adapter() {
        return adapter;
    }

    public void addSampleListener(SampleListener listener) {
        adapter.addSampleListener(listener);
    }

    public void removeSampleListener(SampleListener listener) {
        adapter.removeSampleListener(listener);
    }

    /** Adds a listener and tells it the nodes identified so far, so that one that comes late misses no name. */
    public void addDeviceEventListener(DeviceEventListener listener) {
        adapter.addDeviceEventListener(listener);
        adapter.announceTo(listener);
    }

    public void removeDeviceEventListener(DeviceEventListener listener) {
        adapter.removeDeviceEventListener(listener);
    }

    @Override
    public void close() {
        discovery.close();
        adapter.close();
    }
}
