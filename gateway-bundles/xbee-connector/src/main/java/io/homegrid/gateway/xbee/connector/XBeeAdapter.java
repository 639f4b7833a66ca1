package io.homegrid.gateway.xbee.connector;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.XBeeDevice;
import com.digi.xbee.api.io.IOLine;

import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.xbee.connector.internal.NodeRegistry;
import io.homegrid.gateway.xbee.connector.internal.RadioEvents;
import io.homegrid.gateway.xbee.connector.internal.RadioLink;
import io.homegrid.gateway.xbee.connector.internal.BatterySetpoint;
import io.homegrid.gateway.xbee.connector.internal.RelaySwitch;

/**
 * The XBee protocol adapter: a ZigBee coordinator driven through the Digi XBee Java Library, on
 * a serial port or over TCP. A façade over one class per job: {@link RadioLink} keeps the radio
 * connected, {@link RadioEvents} routes what the radio reports (samples converted by
 * {@code SampleConverter}), {@link NodeRegistry} knows the identified nodes, {@link RelaySwitch}
 * switches relays and {@link BatterySetpoint} sets batteries, each with the node's confirmation.
 * Use {@link XBeeService} to run one; it adds the periodic discovery.
 */
public final class XBeeAdapter implements ProtocolAdapter, AutoCloseable {

    /** The relay of a smart plug hangs on this line. */
    public static final IOLine RELAY = RelaySwitch.RELAY;

    private static final Logger LOG = LoggerFactory.getLogger(XBeeAdapter.class);

    private final RadioLink link;
    private final NodeRegistry nodes;
    private final RelaySwitch relays;
    private final BatterySetpoint batteries;
    private final List<SampleListener> sampleListeners = new CopyOnWriteArrayList<>();
    private final RadioEvents events;

    /**
     * @param radio {@code tcp://host:port} or a serial port name such as {@code /dev/ttyUSB0}
     */
    public XBeeAdapter(String radio, int baudRate, Clock clock) {
        this.nodes = new NodeRegistry(clock);
        this.events = new RadioEvents(nodes, sampleListeners, this::discover, clock);
        this.link = new RadioLink(radio, baudRate, this::opened, events);
        this.relays = new RelaySwitch(link::coordinator);
        this.batteries = new BatterySetpoint(link::coordinator, relays.actuation());
    }

    public void start() {
        link.start();
    }

    public void addSampleListener(SampleListener listener) {
        sampleListeners.add(listener);
    }

    public void removeSampleListener(SampleListener listener) {
        sampleListeners.remove(listener);
    }

    /**
     * Adds a listener and tells it the nodes identified so far: nodes identify themselves once, so
     * one that comes late (in OSGi, a device list bound after the radio came up) misses no name.
     */
    public void addDeviceEventListener(DeviceEventListener listener) {
        nodes.addListener(listener);
        nodes.announceTo(listener);
    }

    public void removeDeviceEventListener(DeviceEventListener listener) {
        nodes.removeListener(listener);
    }

    /** Tells a listener about every node identified so far. */
    public void announceTo(DeviceEventListener listener) {
        nodes.announceTo(listener);
    }

    @Override
    public String protocol() {
        return "xbee";
    }

    @Override
    public boolean connected() {
        return link.connected();
    }

    @Override
    public boolean reaches(String device) {
        return nodes.knows(device);
    }

    @Override
    public CompletableFuture<Boolean> setRelay(String device, boolean on) {
        return relays.setRelay(device, on);
    }

    @Override
    public CompletableFuture<Double> setBatteryPower(String device, double watts) {
        return batteries.set(device, watts);
    }

    @Override
    public void discover() {
        XBeeDevice local = link.coordinator();
        if (local != null) {
            discover(local);
        }
    }

    @Override
    public void close() {
        relays.close();
        link.close();
    }

    private void opened(XBeeDevice device) {
        // samples and node identifications come off the line (RadioLink's tap), not through the library's listeners
        device.getNetwork().addDiscoveryListener(events);
        discover(device);
    }

    private static void discover(XBeeDevice local) {
        try {
            // a closed line would fail the library's discovery thread, where nothing catches it
            if (local.isOpen() && !local.getNetwork().isDiscoveryRunning()) {
                local.getNetwork().startDiscoveryProcess();
            }
        } catch (RuntimeException e) {
            // The radio can go away between the check above and the start; the supervisor reconnects.
            LOG.debug("Node discovery not started: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "XBeeAdapter[" + link + ", nodes " + nodes.addresses() + "]";
    }
}
