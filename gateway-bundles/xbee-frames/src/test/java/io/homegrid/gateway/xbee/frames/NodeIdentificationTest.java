package io.homegrid.gateway.xbee.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class NodeIdentificationTest {

    @Test
    void decodesTheAddressAndTheNodeIdentifierOfAJoiningNode() {
        XBeeFrame frame = Frames.nodeIdentification(0x0013A20041000007L, 0x1234, "smart-plug:Heater");

        assertThat(NodeIdentification.decode(frame))
                .contains(new NodeIdentification("0013A20041000007", "smart-plug:Heater"));
    }

    @Test
    void anEmptyNodeIdentifierIsAnEmptyString() {
        XBeeFrame frame = Frames.nodeIdentification(0x0013A20041000008L, 0x1234, "");

        assertThat(NodeIdentification.decode(frame)).map(NodeIdentification::nodeIdentifier).contains("");
    }

    @Test
    void aTruncatedFrameNamesNoNode() {
        byte[] payload = Frames.nodeIdentification(0x0013A20041000007L, 0x1234, "Fridge").payload();

        assertThat(NodeIdentification.decode(Arrays.copyOf(payload, 21))).isEmpty();
    }

    @Test
    void otherFrameTypesAreNoNodeIdentification() {
        assertThat(NodeIdentification.decode(Frames.ioSample(0x0013A20041000007L, 0x1234, 0, 0, 0x01, 5))).isEmpty();
    }
}
