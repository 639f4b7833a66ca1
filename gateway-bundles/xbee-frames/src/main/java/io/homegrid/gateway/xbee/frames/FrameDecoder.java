package io.homegrid.gateway.xbee.frames;

import java.util.Arrays;

/**
 * Cuts a byte stream into API frames. Bytes outside frames are skipped; a frame whose checksum
 * fails (corrupted, or truncated and running into the next frame) is reported and only its start
 * byte is dropped, so that frames it swallowed are still found.
 */
public final class FrameDecoder {

    /** Longest frame a ZigBee module sends; a longer length field means we are not at a frame start. */
    public static final int MAX_FRAME_DATA = 512;

    /** What the decoder found. */
    public interface Listener {

        void frame(XBeeFrame frame);

        /**
         * @param reason  why the bytes were skipped
         * @param address the sender's 64-bit address if it could be read from the damaged frame, else null
         */
        void skipped(String reason, String address);
    }

    private final Listener listener;
    private byte[] buffer = new byte[1024];
    private int size;

    public FrameDecoder(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] bytes, int offset, int length) {
        ensureCapacity(size + length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        decode();
    }

    private void decode() {
        int position = 0;
        while (true) {
            int start = indexOfStart(position);
            if (start < 0) {
                reportGarbage(position, size);
                size = 0;
                return;
            }
            reportGarbage(position, start);
            if (size - start < 3) {
                compact(start);
                return;
            }
            int length = ((buffer[start + 1] & 0xFF) << 8) | (buffer[start + 2] & 0xFF);
            if (length == 0 || length > MAX_FRAME_DATA) {
                listener.skipped("invalid frame length " + length, null);
                position = start + 1;
                continue;
            }
            int end = start + 3 + length + 1;
            if (end > size) {
                compact(start);
                return;
            }
            byte expected = XBeeFrame.checksum(buffer, start + 3, length);
            if (buffer[end - 1] != expected) {
                listener.skipped(String.format("bad checksum (frame type 0x%02X, %d bytes)", buffer[start + 3] & 0xFF,
                        length), damagedAddress(start + 3, length));
                position = start + 1;
                continue;
            }
            int type = buffer[start + 3] & 0xFF;
            listener.frame(new XBeeFrame(type, Arrays.copyOfRange(buffer, start + 4, start + 3 + length)));
            position = end;
        }
    }

    private String damagedAddress(int typeIndex, int length) {
        int type = buffer[typeIndex] & 0xFF;
        return FrameType.carriesSourceAddress(type) && length >= 9 ? XBeeFrame.hex(buffer, typeIndex + 1, 8) : null;
    }

    private int indexOfStart(int from) {
        for (int i = from; i < size; i++) {
            if ((buffer[i] & 0xFF) == XBeeFrame.START) {
                return i;
            }
        }
        return -1;
    }

    private void reportGarbage(int from, int to) {
        if (to > from) {
            listener.skipped((to - from) + " byte(s) outside any frame", null);
        }
    }

    private void compact(int from) {
        System.arraycopy(buffer, from, buffer, 0, size - from);
        size -= from;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
