package io.homegrid.gateway.xbee.frames;

/** The API frame types a ZigBee coordinator exchanges with its host. */
public final class FrameType {

    public static final int AT_COMMAND = 0x08;
    public static final int REMOTE_AT_COMMAND = 0x17;
    public static final int AT_RESPONSE = 0x88;
    public static final int MODEM_STATUS = 0x8A;
    public static final int RECEIVE_PACKET = 0x90;
    public static final int IO_SAMPLE = 0x92;
    public static final int NODE_IDENTIFICATION = 0x95;
    public static final int REMOTE_AT_RESPONSE = 0x97;

    private FrameType() {
    }

    /** Frame types whose payload starts with the sender's 64-bit address. */
    public static boolean carriesSourceAddress(int type) {
        return type == RECEIVE_PACKET || type == IO_SAMPLE || type == NODE_IDENTIFICATION;
    }
}
