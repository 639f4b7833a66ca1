package io.homegrid.gateway.xbee.connector;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.RemoteXBeeDevice;
import com.digi.xbee.api.XBeeDevice;
import com.digi.xbee.api.io.IOLine;
import com.digi.xbee.api.io.IOSample;
import com.digi.xbee.api.listeners.IDiscoveryListener;
import com.digi.xbee.api.listeners.IIOSampleReceiveListener;
import com.digi.xbee.api.listeners.IPacketReceiveListener;
import com.digi.xbee.api.packet.UnknownXBeePacket;
import com.digi.xbee.api.packet.XBeePacket;

import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.xbee.connector.internal.NodeRegistry;
import io.homegrid.gateway.xbee.connector.internal.RadioLink;
import io.homegrid.gateway.xbee.connector.internal.RelaySwitch;
import io.homegrid.gateway.xbee.connector.internal.SampleConverter;
import io.homegrid.gateway.xbee.frames.FrameType;
import io.homegrid.gateway.xbee.frames.NodeIdentification;

/**
 * The XBee protocol adapter: a ZigBee coordinator driven through the Digi XBee Java Library, on
 * a serial port or over TCP. A façade over one class per job: {@link RadioLink} keeps the radio
 * connected, {@link NodeRegistry} knows the identified nodes, {@link SampleConverter} turns IO
 * samples into raw samples, {@link RelaySwitch} switches relays with the node's confirmation.
 * Use {@link XBeeService} to run one; it adds the periodic discovery.
 */
public final class XBeeAdapter implements ProtocolAdapter, AutoCloseable {

    /** The relay of a smart plug hangs on this line. */
    public static final IOLine RELAY = RelaySwitch.RELAY;

    private static final Logger LOG = LoggerFactory.getLogger(XBeeAdapter.class);

    private final Clock clock;
    private final RadioLink link;
    private final NodeRegistry nodes;
    private final RelaySwitch relays;
    private final List<SampleListener> sampleListeners = new CopyOnWriteArrayList<>();

    /**
     * @param radio {@code tcp://host:port} or a serial port name such as {@code /dev/ttyUSB0}
     */
    public XBeeAdapter(String radio, int baudRate, Clock clock) {
        this.clock = clock;
        this.nodes = new NodeRegistry(clock);
        this.link = new RadioLink(radio, baudRate, this::opened);
        this.relays = new RelaySwitch(link::coordinator);
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
        device.addIOSampleListener((IIOSampleReceiveListener) this::onSample);
        device.addPacketListener((IPacketReceiveListener) this::onPacket);
        device.getNetwork().addDiscoveryListener(discovery);
        discover(device);
    }

    private static void discover(XBeeDevice local) {
        try {
            if (!local.getNetwork().isDiscoveryRunning()) {
                local.getNetwork().startDiscoveryProcess();
            }
        } catch (RuntimeException e) {
            // The radio can go away between the check above and the start; the supervisor reconnects.
            LOG.debug("Node discovery not started: {}", e.getMessage());
        }
    }

    private void onSample(RemoteXBeeDevice remote, IOSample sample) {
        String address = remote.get64BitAddress().toString();
        String type = nodes.type(address);
        RawSample raw = SampleConverter.raw(address, type, clock.instant(), sample);
        if (type == null) {
            LOG.debug("[{}] sample from a node not identified yet; asking the network", address);
            discover();
        }
        for (SampleListener listener : sampleListeners) {
            listener.sampleReceived(raw);
        }
    }

    private void onPacket(XBeePacket packet) {
        // The library has no type for 0x95 and hands it over unparsed.
        if (packet instanceof UnknownXBeePacket unknown && unknown.getFrameTypeValue() == FrameType.NODE_IDENTIFICATION) {
            byte[] data = unknown.getRFData();
            NodeIdentification.decode(data).ifPresentOrElse(node -> nodes.identified(node.address(), node.nodeIdentifier()),
                    () -> LOG.warn("[no address] skipped a truncated node identification ({} bytes)", data.length));
        }
    }

    private final IDiscoveryListener discovery = new IDiscoveryListener() {
        @Override
        public void deviceDiscovered(RemoteXBeeDevice device) {
            nodes.identified(device.get64BitAddress().toString(), device.getNodeID());
        }

        @Override
        public void discoveryError(String error) {
            LOG.warn("Node discovery: {}", error);
        }

        @Override
        public void discoveryFinished(String error) {
            LOG.debug("Node discovery finished{}", error == null ? "" : ": " + error);
        }
    };

    @Override
    public String toString() {
        return "XBeeAdapter[" + link + ", nodes " + nodes.addresses() + "]";
    }
}
