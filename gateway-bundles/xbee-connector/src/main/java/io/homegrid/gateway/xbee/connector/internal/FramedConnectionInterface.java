package io.homegrid.gateway.xbee.connector.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.connection.IConnectionInterface;
import com.digi.xbee.api.exceptions.InvalidInterfaceException;

import io.homegrid.gateway.xbee.frames.FrameDecoder;
import io.homegrid.gateway.xbee.frames.FrameType;
import io.homegrid.gateway.xbee.frames.XBeeFrame;

/**
 * The XBee Java Library's view of the radio line. Every byte from the radio goes through our
 * frame decoder first: garbage, bad checksums, truncated frames and frame types a coordinator
 * should not send are dropped with a log line naming the sender, so that the library only ever
 * parses valid frames and one bad frame never costs the next.
 *
 * <p>The library's reader waits on this object: each complete frame is queued and then
 * {@code notifyAll()} wakes it.
 */
public abstract class FramedConnectionInterface implements IConnectionInterface {

    private static final Logger LOG = LoggerFactory.getLogger(FramedConnectionInterface.class);
    private static final Set<Integer> TAPPED_TYPES = Set.of(FrameType.IO_SAMPLE, FrameType.NODE_IDENTIFICATION);
    private static final Set<Integer> PASSED_TYPES = Set.of(FrameType.AT_RESPONSE, FrameType.MODEM_STATUS, 0x8B,
            FrameType.RECEIVE_PACKET, 0x91, FrameType.IO_SAMPLE, FrameType.NODE_IDENTIFICATION,
            FrameType.REMOTE_AT_RESPONSE);

    private final FrameQueueStream input = new FrameQueueStream();
    private final FrameDecoder decoder = new FrameDecoder(new FrameDecoder.Listener() {
        @Override
        public void frame(XBeeFrame frame) {
            Consumer<XBeeFrame> tapped = tap;
            if (tapped != null && TAPPED_TYPES.contains(frame.type())) {
                tapped.accept(frame);
            } else if (PASSED_TYPES.contains(frame.type())) {
                input.add(frame.encode());
                wakeReader();
            } else {
                LOG.warn("[{}] skipped a frame of unknown type 0x{} on {}", frame.sourceAddress() == null ? "no address"
                        : frame.sourceAddress(), Integer.toHexString(frame.type()), FramedConnectionInterface.this);
            }
        }

        @Override
        public void skipped(String reason, String address) {
            LOG.warn("[{}] skipped bytes on {}: {}", address == null ? "no address" : address,
                    FramedConnectionInterface.this, reason);
        }
    });
    private volatile OutputStream output;
    private volatile Consumer<XBeeFrame> tap;
    private volatile boolean open;
    private Thread pump;

    /**
     * Takes IO samples and node identifications off the line before the library: its reader
     * starts a thread pool for every packet it hands to a listener (two per sample), which at
     * hundreds of samples a second costs more than all the rest of the gateway. The frames are
     * still parsed by the library's packet classes ({@link RadioEvents}); commands, their answers
     * and node discovery go through the library as before.
     */
    public void tap(Consumer<XBeeFrame> frames) {
        this.tap = frames;
    }

    /** Opens the transport and answers its streams. */
    protected abstract Streams connect() throws IOException;

    /** Closes the transport; a blocked read must then return. */
    protected abstract void disconnect();

    protected record Streams(InputStream in, OutputStream out) {
    }

    @Override
    public synchronized void open() throws InvalidInterfaceException {
        if (open) {
            return;
        }
        Streams streams;
        try {
            streams = connect();
        } catch (IOException e) {
            throw new InvalidInterfaceException("cannot open " + this + ": " + e.getMessage());
        }
        output = streams.out();
        input.clear();
        open = true;
        pump = new Thread(() -> pump(streams.in()), "xbee-line-" + this);
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() {
        open = false;
        disconnect();
        input.close();
        wakeReader();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InputStream getInputStream() {
        return open ? input : null;
    }

    @Override
    public OutputStream getOutputStream() {
        return output;
    }

    @Override
    public void writeData(byte[] data) throws IOException {
        writeData(data, 0, data.length);
    }

    @Override
    public void writeData(byte[] data, int offset, int length) throws IOException {
        OutputStream out = output;
        if (!open || out == null) {
            throw new IOException(this + " is closed");
        }
        synchronized (out) {
            out.write(data, offset, length);
            out.flush();
        }
    }

    @Override
    public int readData(byte[] data) throws IOException {
        return input.read(data);
    }

    @Override
    public int readData(byte[] data, int offset, int length) throws IOException {
        return input.read(data, offset, length);
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[512];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                decoder.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            if (open) {
                LOG.warn("Radio line {} failed: {}", this, e.getMessage());
            }
        }
        if (open) {
            LOG.warn("Radio line {} closed by the other side", this);
            close();
        }
    }

    private void wakeReader() {
        synchronized (this) {
            notifyAll();
        }
    }

    /** Whole frames for the library's parser; reads block until a frame is there or the line closes. */
    private static final class FrameQueueStream extends InputStream {

        private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
        private byte[] current;
        private int position;
        private boolean closed;

        synchronized void add(byte[] frame) {
            frames.add(frame);
            notifyAll();
        }

        synchronized void clear() {
            frames.clear();
            current = null;
            closed = false;
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }

        @Override
        public synchronized int read() throws IOException {
            while (current == null || position == current.length) {
                if (!frames.isEmpty()) {
                    current = frames.poll();
                    position = 0;
                } else if (closed) {
                    return -1;
                } else {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
            return current[position++] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            b[off] = (byte) first;
            int n = 1;
            while (n < len && current != null && position < current.length) {
                b[off + n++] = current[position++];
            }
            return n;
        }

        /**
         * At least 1 while the line is open, even with no frame queued: the library's reader asks
         * this outside the monitor it then waits on, so a frame queued in between would wake
         * nobody and wait for the next one (the last sample of a burst, up to a sample period
         * late). Told something is there, the reader blocks in {@link #read()} instead, which
         * waits on this stream and cannot miss a frame.
         */
        @Override
        public synchronized int available() {
            int remaining = current == null ? 0 : current.length - position;
            for (byte[] frame : frames) {
                remaining += frame.length;
            }
            return remaining == 0 && !closed ? 1 : remaining;
        }
    }
}
