package io.homegrid.gateway.xbee.connector.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.XBeeDevice;
import com.digi.xbee.api.exceptions.XBeeException;

import io.homegrid.gateway.xbee.frames.XBeeFrame;
import io.homegrid.model.retry.Backoff;

/**
 * Keeps the coordinator connected: a supervisor thread opens the radio line (serial or TCP) and,
 * whenever it goes away, reconnects with a doubling pause. Each new connection is handed to
 * {@code onOpen} before it counts as connected, so listeners are attached before any use.
 */
public final class RadioLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RadioLink.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Duration CONNECTED_CHECK = Duration.ofSeconds(1);
    private static final Duration DISCOVERY_STOP = Duration.ofSeconds(3);

    private final String radio;
    private final int baudRate;
    private final Consumer<XBeeDevice> onOpen;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread supervisor;
    private volatile XBeeDevice coordinator;
    private final Consumer<XBeeFrame> frames;
    private volatile FramedConnectionInterface line;

    /**
     * @param radio {@code tcp://host:port} or a serial port name such as {@code /dev/ttyUSB0}
     */
    /** @param frames the frames the gateway takes off the line itself ({@link FramedConnectionInterface#tap}) */
    public RadioLink(String radio, int baudRate, Consumer<XBeeDevice> onOpen, Consumer<XBeeFrame> frames) {
        this.radio = radio;
        this.baudRate = baudRate;
        this.onOpen = onOpen;
        this.frames = frames;
        this.supervisor = new Thread(this::supervise, "xbee-supervisor");
        this.supervisor.setDaemon(true);
    }

    public void start() {
        supervisor.start();
    }

    public boolean connected() {
        FramedConnectionInterface current = line;
        return coordinator != null && current != null && current.isOpen();
    }

    /** The connected coordinator, or null while the radio is away. */
    public XBeeDevice coordinator() {
        XBeeDevice current = coordinator;
        return current != null && connected() ? current : null;
    }

    @Override
    public void close() {
        stop.countDown();
        disconnect();
    }

    @Override
    public String toString() {
        return radio;
    }

    private void supervise() {
        Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
        try {
            while (stop.getCount() > 0) {
                Duration pause = CONNECTED_CHECK;
                if (!connected()) {
                    disconnect();
                    if (connectQuietly()) {
                        backoff.succeeded();
                    } else {
                        pause = backoff.failed();
                    }
                }
                if (stop.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
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
        candidate.tap(frames);
        XBeeDevice device = new XBeeDevice(candidate);
        try {
            device.open();
        } catch (XBeeException e) {
            LOG.warn("Cannot open the XBee radio on {}: {}", candidate, e.getMessage());
            device.close();
            return false;
        }
        onOpen.accept(device);
        line = candidate;
        coordinator = device;
        LOG.info("XBee coordinator {} ({}, firmware {}) connected on {}", device.get64BitAddress(),
                device.getXBeeProtocol(), device.getFirmwareVersion(), candidate);
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
}
