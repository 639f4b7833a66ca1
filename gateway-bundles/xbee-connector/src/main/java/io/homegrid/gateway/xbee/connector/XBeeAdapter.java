package io.homegrid.gateway.xbee.connector;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.RemoteXBeeDevice;
import com.digi.xbee.api.RemoteZigBeeDevice;
import com.digi.xbee.api.XBeeDevice;
import com.digi.xbee.api.exceptions.XBeeException;
import com.digi.xbee.api.io.IOLine;
import com.digi.xbee.api.io.IOMode;
import com.digi.xbee.api.io.IOSample;
import com.digi.xbee.api.io.IOValue;
import com.digi.xbee.api.listeners.IDiscoveryListener;
import com.digi.xbee.api.listeners.IIOSampleReceiveListener;
import com.digi.xbee.api.listeners.IPacketReceiveListener;
import com.digi.xbee.api.models.XBee64BitAddress;
import com.digi.xbee.api.packet.UnknownXBeePacket;
import com.digi.xbee.api.packet.XBeePacket;

import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.xbee.connector.internal.FramedConnectionInterface;
import io.homegrid.gateway.xbee.connector.internal.NodeIdentifiers;
import io.homegrid.gateway.xbee.connector.internal.SerialConnectionInterface;
import io.homegrid.gateway.xbee.connector.internal.TcpConnectionInterface;
import io.homegrid.gateway.xbee.frames.FrameType;
import io.homegrid.gateway.xbee.frames.XBeeFrame;

/**
 * The XBee protocol adapter: a ZigBee coordinator driven through the Digi XBee Java Library,
 * on a serial port or over TCP. It keeps the radio connected (reconnecting with a growing pause
 * when it goes away), turns IO samples and node identifications into the gateway's
 * protocol-independent samples and device events, and switches relays (DIO4) with the node's
 * confirmation.
 */
public final class XBeeAdapter implements ProtocolAdapter, AutoCloseable {

    /** The relay of a smart plug hangs on this line. */
    public static final IOLine RELAY = IOLine.DIO4_AD4;

    private static final Logger LOG = LoggerFactory.getLogger(XBeeAdapter.class);
    private static final Duration MAX_RECONNECT = Duration.ofSeconds(30);
    private static final Duration DISCOVERY_STOP = Duration.ofSeconds(3);

    private final String radio;
    private final int baudRate;
    private final Clock clock;
    private final List<SampleListener> sampleListeners = new CopyOnWriteArrayList<>();
    private final List<DeviceEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final ExecutorService actuation = Executors.newSingleThreadExecutor(r -> daemon(r, "xbee-actuation"));
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread supervisor;
    private volatile XBeeDevice coordinator;
    private volatile FramedConnectionInterface line;

    /**
     * @param radio {@code tcp://host:port} or a serial port name such as {@code /dev/ttyUSB0}
     */
    public XBeeAdapter(String radio, int baudRate, Clock clock) {
        this.radio = radio;
        this.baudRate = baudRate;
        this.clock = clock;
        this.supervisor = daemon(this::supervise, "xbee-supervisor");
    }

    public void start() {
        supervisor.start();
    }

    public void addSampleListener(SampleListener listener) {
        sampleListeners.add(listener);
    }

    public void removeSampleListener(SampleListener listener) {
        sampleListeners.remove(listener);
    }

    public void addDeviceEventListener(DeviceEventListener listener) {
        eventListeners.add(listener);
    }

    public void removeDeviceEventListener(DeviceEventListener listener) {
        eventListeners.remove(listener);
    }

    /**
     * Tells a listener about every node identified so far. Nodes identify themselves once, on
     * discovery or on joining: a listener that arrives later (in OSGi, a device list bound after
     * the radio came up, or replaced while running) would otherwise never learn their names.
     */
    public void announceTo(DeviceEventListener listener) {
        nodes.forEach((address, node) -> listener.deviceEvent(identification(address, node)));
    }

    @Override
    public String protocol() {
        return "xbee";
    }

    @Override
    public boolean connected() {
        FramedConnectionInterface current = line;
        return coordinator != null && current != null && current.isOpen();
    }

    @Override
    public boolean reaches(String device) {
        return nodes.containsKey(device);
    }

    @Override
    public CompletableFuture<Boolean> setRelay(String device, boolean on) {
        return CompletableFuture.supplyAsync(() -> {
            XBeeDevice local = coordinator;
            if (local == null || !connected()) {
                throw new IllegalStateException("the XBee radio is not connected");
            }
            try {
                RemoteXBeeDevice remote = new RemoteZigBeeDevice(local, new XBee64BitAddress(device));
                remote.setIOConfiguration(RELAY, on ? IOMode.DIGITAL_OUT_HIGH : IOMode.DIGITAL_OUT_LOW);
                LOG.info("[{}] relay switched {}, confirmed by the node", device, on ? "on" : "off");
                return on;
            } catch (XBeeException e) {
                LOG.warn("[{}] relay not switched {}: {}", device, on ? "on" : "off", e.getMessage());
                throw new IllegalStateException("device " + device + " did not confirm: " + e.getMessage(), e);
            }
        }, actuation);
    }

    @Override
    public void discover() {
        XBeeDevice local = coordinator;
        if (local == null || !connected()) {
            return;
        }
        try {
            if (!local.getNetwork().isDiscoveryRunning()) {
                local.getNetwork().startDiscoveryProcess();
            }
        } catch (RuntimeException e) {
            // The radio can go away between the check above and the start; the supervisor reconnects.
            LOG.debug("Node discovery not started: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        stop.countDown();
        actuation.shutdownNow();
        disconnect();
    }

    private void supervise() {
        Duration pause = Duration.ofMillis(500);
        try {
            while (stop.getCount() > 0) {
                if (!connected()) {
                    disconnect();
                    if (connectQuietly()) {
                        pause = Duration.ofMillis(500);
                    } else {
                        pause = pause.multipliedBy(2).compareTo(MAX_RECONNECT) > 0 ? MAX_RECONNECT : pause.multipliedBy(2);
                    }
                }
                if (stop.await(connected() ? 1_000 : pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The supervisor must outlive any failure of one attempt, or the gateway never reconnects. */
    private boolean connectQuietly() {
        try {
            return connect();
        } catch (RuntimeException e) {
            LOG.warn("XBee radio on {} lost while connecting: {}", radio, e.toString());
            disconnect();
            return false;
        }
    }

    private boolean connect() {
        FramedConnectionInterface candidate = radio.startsWith("tcp://") ? tcp(radio.substring(6))
                : new SerialConnectionInterface(radio, baudRate);
        XBeeDevice device = new XBeeDevice(candidate);
        try {
            device.open();
        } catch (XBeeException e) {
            LOG.warn("Cannot open the XBee radio on {}: {}", candidate, e.getMessage());
            device.close();
            return false;
        }
        device.addIOSampleListener((IIOSampleReceiveListener) this::onSample);
        device.addPacketListener((IPacketReceiveListener) this::onPacket);
        device.getNetwork().addDiscoveryListener(discovery);
        line = candidate;
        coordinator = device;
        LOG.info("XBee coordinator {} ({}, firmware {}) connected on {}", device.get64BitAddress(),
                device.getXBeeProtocol(), device.getFirmwareVersion(), candidate);
        discover();
        return true;
    }

    private void disconnect() {
        XBeeDevice device = coordinator;
        coordinator = null;
        line = null;
        if (device != null) {
            endDiscovery(device);
            device.close();
        }
    }

    /**
     * The library's discovery thread only catches checked exceptions: closing the radio under it
     * kills it with InterfaceNotOpenException. Ask it to stop and give it time to finish first.
     */
    private static void endDiscovery(XBeeDevice device) {
        try {
            device.getNetwork().stopDiscoveryProcess();
            long deadline = System.nanoTime() + DISCOVERY_STOP.toNanos();
            while (device.getNetwork().isDiscoveryRunning() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (RuntimeException e) {
            LOG.debug("Node discovery not stopped: {}", e.getMessage());
        }
    }

    private static TcpConnectionInterface tcp(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new TcpConnectionInterface(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void onSample(RemoteXBeeDevice remote, IOSample sample) {
        String address = remote.get64BitAddress().toString();
        Node node = nodes.get(address);
        RawSample raw = new RawSample(address, node == null ? null : node.type(), clock.instant(), analog(sample),
                digital(sample));
        if (node == null) {
            LOG.debug("[{}] sample from a node not identified yet; asking the network", address);
            discover();
        }
        for (SampleListener listener : sampleListeners) {
            listener.sampleReceived(raw);
        }
    }

    private final IDiscoveryListener discovery = new IDiscoveryListener() {
        @Override
        public void deviceDiscovered(RemoteXBeeDevice device) {
            identified(device.get64BitAddress().toString(), device.getNodeID());
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

    private void onPacket(XBeePacket packet) {
        if (packet instanceof UnknownXBeePacket unknown && unknown.getFrameTypeValue() == FrameType.NODE_IDENTIFICATION) {
            // The library has no type for 0x95 and hands it over unparsed.
            nodeIdentification(unknown.getRFData());
        }
    }

    /** 0x95: source 64-bit (8), source 16-bit (2), options (1), remote 16-bit (2), remote 64-bit (8), NI, 0. */
    private void nodeIdentification(byte[] data) {
        if (data.length < 22) {
            LOG.warn("[no address] skipped a truncated node identification ({} bytes)", data.length);
            return;
        }
        String address = XBeeFrame.hex(data, 13, 8);
        int end = 21;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        identified(address, new String(data, 21, end - 21, StandardCharsets.US_ASCII));
    }

    private void identified(String address, String nodeIdentifier) {
        String type = NodeIdentifiers.type(nodeIdentifier);
        Node node = new Node(type, NodeIdentifiers.name(nodeIdentifier));
        Node previous = nodes.put(address, node);
        if (!node.equals(previous)) {
            LOG.info("[{}] identified as {} '{}'", address, node.type(), node.name());
        }
        DeviceEvent event = identification(address, node);
        for (DeviceEventListener listener : eventListeners) {
            listener.deviceEvent(event);
        }
    }

    private DeviceEvent identification(String address, Node node) {
        return new DeviceEvent(DeviceEvent.Kind.IDENTIFIED, address, node.type(), node.name(),
                NodeIdentifiers.switchable(node.type()), clock.instant());
    }

    private static Map<String, Integer> analog(IOSample sample) {
        Map<String, Integer> analog = new HashMap<>();
        if (sample.hasAnalogValues()) {
            sample.getAnalogValues().forEach((line, value) -> analog.put("AD" + line.getIndex(), value));
        }
        return analog;
    }

    private static Map<String, Boolean> digital(IOSample sample) {
        Map<String, Boolean> digital = new HashMap<>();
        if (sample.hasDigitalValues()) {
            sample.getDigitalValues().forEach((line, value) -> digital.put("DIO" + line.getIndex(), value == IOValue.HIGH));
        }
        return digital;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private record Node(String type, String name) {
    }

    @Override
    public String toString() {
        return "XBeeAdapter[" + radio + ", nodes " + Arrays.toString(nodes.keySet().toArray()) + "]";
    }
}
