package io.homegrid.gateway.xbee.connector;

import java.time.Clock;

import io.homegrid.gateway.api.Periodic;

/**
 * The XBee connector, running: the adapter with its radio supervision and the periodic node
 * discovery; listeners go to its {@link #adapter()}. The one assembly of the bundle: its DS
 * component and the embedded launcher both {@link #start} it; closing it stops every thread it started.
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

    @Override
    public void close() {
        discovery.close();
        adapter.close();
    }
}
