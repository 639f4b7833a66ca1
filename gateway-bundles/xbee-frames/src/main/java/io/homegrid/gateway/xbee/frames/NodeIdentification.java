package io.homegrid.gateway.xbee.frames;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A node identification indicator (0x95), which a node sends when it joins or its commissioning
 * button is pressed. Payload: source 64-bit (8), source 16-bit (2), options (1), remote 16-bit
 * (2), remote 64-bit (8), node identifier (NI) ending in 0, then parent and device data.
 *
 * @param address        the identified node's 64-bit address, 16 hex digits
 * @param nodeIdentifier its NI string, e.g. {@code smart-plug:Fridge}
 */
public record NodeIdentification(String address, String nodeIdentifier) {

    private static final int REMOTE_ADDRESS = 13;
    private static final int NODE_IDENTIFIER = 21;

    /** Decodes a 0x95 payload (the bytes after the frame type); empty when it is too short to name a node. */
    public static Optional<NodeIdentification> decode(byte[] payload) {
        if (payload.length <= NODE_IDENTIFIER) {
            return Optional.empty();
        }
        int end = NODE_IDENTIFIER;
        while (end < payload.length && payload[end] != 0) {
            end++;
        }
        return Optional.of(new NodeIdentification(XBeeFrame.hex(payload, REMOTE_ADDRESS, 8),
                new String(payload, NODE_IDENTIFIER, end - NODE_IDENTIFIER, StandardCharsets.US_ASCII)));
    }

    public static Optional<NodeIdentification> decode(XBeeFrame frame) {
        return frame.type() == FrameType.NODE_IDENTIFICATION ? decode(frame.payload()) : Optional.empty();
    }
}
