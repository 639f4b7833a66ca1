package io.homegrid.gateway.xbee.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.xbee.frames.FrameDecoder;
import io.homegrid.gateway.xbee.frames.Frames;
import io.homegrid.gateway.xbee.frames.XBeeFrame;

/**
 * A ZigBee network of smart plugs and room sensors behind an XBee coordinator in API mode,
 * reachable over TCP as the coordinator's serial line would be. One host at a time; a new
 * connection replaces the previous one, as re-plugging a USB radio does.
 */
public final class XBeeSimulator implements AutoCloseable {


    private static final Logger LOG = LoggerFactory.getLogger(XBeeSimulator.class);
    private static final long ADDRESS_BASE = 0x0013A20041000000L;
    /** Each network's addresses: plugs, room sensors and plugs added later stay within the block. */
    private static final long NETWORK_BLOCK = 0x10000L;

    private final AtomicLong discoveries = new AtomicLong();
    private final SimulatorConfig config;
    private final long base;
    private final List<SimulatedDevice> devices = new CopyOnWriteArrayList<>();
    private final Random noise;
    private final ServerSocket server;
    private final ScheduledExecutorService sampler;
    private final AtomicLong framesSent = new AtomicLong();
    private final Thread acceptor;
    private volatile Socket host;
    private volatile SampleListener samples;

    private XBeeSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.noise = new Random(config.seed());
        Random layout = new Random(config.seed());
        this.base = ADDRESS_BASE + NETWORK_BLOCK * config.network();
        LoadProfile[] profiles = LoadProfile.values();
        for (int i = 0; i < config.plugs(); i++) {
            LoadProfile profile = profiles[i % profiles.length];
            String name = profile.defaultName() + (i >= profiles.length ? " " + (i / profiles.length + 1) : "");
            devices.add(new SimulatedDevice(base + i + 1, 0x1000 + i, SimulatedDevice.SMART_PLUG, name, profile,
                    layout.nextDouble()));
        }
        for (int i = 0; i < config.sensors(); i++) {
            devices.add(new SimulatedDevice(base + 0x100 + i, 0x2000 + i, SimulatedDevice.ROOM_SENSOR,
                    "Room " + (i + 1), LoadProfile.ROUTER, 0));
        }
        this.server = new ServerSocket(config.port(), 1, InetAddress.getLoopbackAddress());
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "xbee-sim-sampler"));
        this.acceptor = daemon(this::accept, "xbee-sim-accept");
    }

    public static XBeeSimulator start(SimulatorConfig config) throws IOException {
        XBeeSimulator simulator = new XBeeSimulator(config);
        simulator.acceptor.start();
        long period = config.period().toMillis();
        simulator.sampler.scheduleAtFixedRate(simulator::sampleAll, period, period, TimeUnit.MILLISECONDS);
        LOG.info("XBee coordinator simulator on tcp://localhost:{} with {} smart plug(s) and {} room sensor(s), "
                + "a sample every {}", simulator.port(), config.plugs(), config.sensors(), config.period());
        return simulator;
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<SimulatedDevice> devices() {
        return List.copyOf(devices);
    }

    public Optional<SimulatedDevice> device(String address) {
        return devices.stream().filter(d -> d.address().equals(address)).findFirst();
    }

    public long framesSent() {
        return framesSent.get();
    }

    /** Node discoveries (ND) the host has asked for since the start. */
    public long discoveries() {
        return discoveries.get();
    }

    public boolean hostConnected() {
        Socket current = host;
        return current != null && !current.isClosed();
    }

    /** Adds a smart plug that joins the network now (announcing itself with a node identification). */
    public SimulatedDevice addPlug(String name, LoadProfile profile) {
        int index = devices.size();
        return joinNow(new SimulatedDevice(base + 0x200 + index, 0x3000 + index,
                SimulatedDevice.SMART_PLUG, name, profile, noise.nextDouble()));
    }

    /** Adds a home battery's node that joins the network now. */
    public SimulatedDevice addBattery(String name, SimulatedBattery battery) {
        int index = devices.size();
        return joinNow(SimulatedDevice.battery(base + 0x200 + index, 0x3000 + index, name, battery));
    }

    /** Adds a PV inverter's node that joins the network now. */
    public SimulatedDevice addPvInverter(String name, SolarPanel panel) {
        int index = devices.size();
        return joinNow(SimulatedDevice.pvInverter(base + 0x200 + index, 0x3000 + index, name, panel));
    }

    private SimulatedDevice joinNow(SimulatedDevice device) {
        devices.add(device);
        send(Frames.nodeIdentification(device.address64(), device.address16(), device.nodeIdentifier()));
        return device;
    }

    /** The device leaves the network: it goes silent, as a ZigBee node does when unplugged. */
    public void leave(String address) {
        device(address).ifPresent(d -> d.joined(false));
    }

    /** The device (re)joins and announces itself. */
    public void join(String address) {
        device(address).ifPresent(d -> {
            d.joined(true);
            send(Frames.nodeIdentification(d.address64(), d.address16(), d.nodeIdentifier()));
        });
    }

    /** Writes raw bytes to the host: for tests of how the gateway copes with a noisy serial line. */
    public void sendRaw(byte[] bytes) {
        write(bytes);
    }

    public void sampleAll() {
        LocalTime now = LocalTime.now(config.clock());
        for (SimulatedDevice device : devices) {
            if (device.joined()) {
                Instant produced = config.clock().instant();
                send(device.sample(produced, now, noise));
                SampleListener listener = samples;
                if (listener != null) {
                    listener.sampled(device.address(), produced);
                }
            }
        }
    }

    /** Told of every periodic sample: for measuring latency from the plug on. */
    @FunctionalInterface
    public interface SampleListener {
        /** @param produced when the plug produced it, just before its frame went on the wire */
        void sampled(String address, Instant produced);
    }

    public void onSample(SampleListener listener) {
        this.samples = listener;
    }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        server.close();
        Socket current = host;
        if (current != null) {
            current.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Socket previous = host;
                host = socket;
                if (previous != null) {
                    previous.close();
                }
                LOG.info("Host connected from {}", socket.getRemoteSocketAddress());
                daemon(() -> serve(socket), "xbee-sim-host").start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("Accepting a host failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        Coordinator coordinator = new Coordinator(devices, this::send, device -> send(device.sample(
                config.clock().instant(), LocalTime.now(config.clock()), noise)), discoveries::incrementAndGet);
        FrameDecoder decoder = new FrameDecoder(new FrameDecoder.Listener() {
            @Override
            public void frame(XBeeFrame frame) {
                coordinator.handle(frame);
            }

            @Override
            public void skipped(String reason, String address) {
                LOG.warn("Skipped bytes from the host: {}", reason);
            }
        });
        byte[] buffer = new byte[512];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                decoder.feed(buffer, 0, n);
            }
        } catch (SocketException closed) {
            LOG.debug("Host connection closed: {}", closed.getMessage());
        } catch (IOException e) {
            LOG.warn("Reading from the host failed", e);
        }
        LOG.info("Host disconnected");
    }

    private void send(XBeeFrame frame) {
        write(frame.encode());
        framesSent.incrementAndGet();
    }

    private synchronized void write(byte[] bytes) {
        Socket current = host;
        if (current == null || current.isClosed()) {
            return;
        }
        try {
            OutputStream out = current.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            LOG.debug("Host gone while writing: {}", e.getMessage());
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
