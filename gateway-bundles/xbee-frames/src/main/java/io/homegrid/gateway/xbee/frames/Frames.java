package io.homegrid.gateway.xbee.frames;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds the frames of the ZigBee coordinator protocol (XBee ZB API reference, chapter "API frames"). */
public final class Frames {

    public static final int STATUS_OK = 0;
    public static final int STATUS_ERROR = 1;
    public static final int STATUS_INVALID_COMMAND = 2;
    public static final int STATUS_TRANSMISSION_FAILED = 4;

    private Frames() {
    }

    public static XBeeFrame atCommand(int frameId, String command, byte... parameter) {
        return new XBeeFrame(FrameType.AT_COMMAND, bytes(frameId, command, parameter));
    }

    public static XBeeFrame atResponse(int frameId, String command, int status, byte... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(frameId);
        out.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
        out.write(status);
        out.writeBytes(data);
        return new XBeeFrame(FrameType.AT_RESPONSE, out.toByteArray());
    }

    public static XBeeFrame remoteAtResponse(int frameId, long address64, int address16, String command, int status,
            byte... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(frameId);
        out.writeBytes(address64(address64));
        out.writeBytes(address16(address16));
        out.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
        out.write(status);
        out.writeBytes(data);
        return new XBeeFrame(FrameType.REMOTE_AT_RESPONSE, out.toByteArray());
    }

    /**
     * An IO data sample (0x92) with one sample set: the digital lines in {@code digitalMask}
     * (bit n = DIOn) with their levels, and one 10-bit ADC count per bit of {@code analogMask}.
     */
    public static XBeeFrame ioSample(long address64, int address16, int digitalMask, int digitalLevels, int analogMask,
            int... analogCounts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(address64(address64));
        out.writeBytes(address16(address16));
        out.write(0x01); // receive options: acknowledged
        out.write(0x01); // number of sample sets
        out.writeBytes(address16(digitalMask));
        out.write(analogMask);
        if (digitalMask != 0) {
            out.writeBytes(address16(digitalLevels & digitalMask));
        }
        for (int count : analogCounts) {
            out.writeBytes(address16(count));
        }
        return new XBeeFrame(FrameType.IO_SAMPLE, out.toByteArray());
    }

    /** Node identification indicator (0x95): sent when a node joins or its commissioning button is pressed. */
    public static XBeeFrame nodeIdentification(long address64, int address16, String nodeIdentifier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(address64(address64));
        out.writeBytes(address16(address16));
        out.write(0x02); // options: broadcast
        out.writeBytes(address16(address16));
        out.writeBytes(address64(address64));
        out.writeBytes(nodeIdentifier.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.writeBytes(address16(0xFFFE)); // parent
        out.write(0x01); // device type: router
        out.write(0x02); // source event: joined
        out.writeBytes(address16(0xC105)); // Digi profile
        out.writeBytes(address16(0x101E)); // Digi manufacturer
        return new XBeeFrame(FrameType.NODE_IDENTIFICATION, out.toByteArray());
    }

    /** One node's answer to ND, as the coordinator relays it in an AT response. */
    public static XBeeFrame nodeDiscoveryResponse(int frameId, long address64, int address16, String nodeIdentifier) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(address16(address16));
        data.writeBytes(address64(address64));
        data.writeBytes(nodeIdentifier.getBytes(StandardCharsets.US_ASCII));
        data.write(0);
        data.writeBytes(address16(0xFFFE));
        data.write(0x01);
        data.write(0x00);
        data.writeBytes(address16(0xC105));
        data.writeBytes(address16(0x101E));
        return atResponse(frameId, "ND", STATUS_OK, data.toByteArray());
    }

    public static byte[] address64(long address) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (address >>> (56 - 8 * i));
        }
        return bytes;
    }

    public static byte[] address16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static byte[] bytes(int frameId, String command, byte[] parameter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(frameId);
        out.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(parameter);
        return out.toByteArray();
    }
}
