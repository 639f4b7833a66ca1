package io.homegrid.gateway.xbee.frames;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One API frame: its type and the bytes after the type. On the wire:
 * {@code 0x7E, length (2 bytes), type, payload, checksum}.
 */
public record XBeeFrame(int type, byte[] payload) {

    public static final int START = 0x7E;

    public XBeeFrame {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] encode() {
        int length = payload.length + 1;
        byte[] wire = new byte[length + 4];
        wire[0] = (byte) START;
        wire[1] = (byte) (length >> 8);
        wire[2] = (byte) length;
        wire[3] = (byte) type;
        System.arraycopy(payload, 0, wire, 4, payload.length);
        wire[wire.length - 1] = checksum(wire, 3, length);
        return wire;
    }

    /** 0xFF minus the low byte of the sum of the frame data (type and payload). */
    public static byte checksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += bytes[i] & 0xFF;
        }
        return (byte) (0xFF - (sum & 0xFF));
    }

    /** The 64-bit source address as 16 hex digits, for frames that carry one; null otherwise. */
    public String sourceAddress() {
        return FrameType.carriesSourceAddress(type) && payload.length >= 8 ? hex(payload, 0, 8) : null;
    }

    public static String hex(byte[] bytes, int offset, int length) {
        return HexFormat.of().withUpperCase().formatHex(bytes, offset, offset + length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XBeeFrame that && type == that.type && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("XBeeFrame[0x%02X %s]", type, hex(payload, 0, payload.length));
    }
}
