package io.homegrid.gateway.xbee.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final long PLUG = 0x0013A20040A1B2C3L;

    private final List<XBeeFrame> frames = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(new FrameDecoder.Listener() {
        @Override
        public void frame(XBeeFrame frame) {
            frames.add(frame);
        }

        @Override
        public void skipped(String reason, String address) {
            skipped.add(reason + (address == null ? "" : " from " + address));
        }
    });

    @Test
    void encodesTheDatasheetExample() {
        // AT command "NJ" with frame id 0x52, from the XBee ZB manual: 7E 00 04 08 52 4E 4A 0D
        byte[] wire = Frames.atCommand(0x52, "NJ").encode();

        assertThat(wire).containsExactly(0x7E, 0x00, 0x04, 0x08, 0x52, 0x4E, 0x4A, 0x0D);
    }

    @Test
    void decodesFramesSplitAcrossReads() {
        byte[] wire = Frames.ioSample(PLUG, 0x1234, 0x10, 0x10, 0x0F, 1, 2, 3, 4).encode();

        decoder.feed(wire, 0, 5);
        decoder.feed(wire, 5, wire.length - 5);

        assertThat(frames).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FrameType.IO_SAMPLE);
            assertThat(f.sourceAddress()).isEqualTo("0013A20040A1B2C3");
        });
        assertThat(skipped).isEmpty();
    }

    @Test
    void skipsGarbageBadChecksumsAndTruncatedFramesAndKeepsTheGoodOnes() {
        byte[] good1 = Frames.ioSample(PLUG, 1, 0, 0, 0x01, 100).encode();
        byte[] corrupted = Frames.ioSample(PLUG, 1, 0, 0, 0x01, 200).encode();
        corrupted[corrupted.length - 1] ^= 0x55;
        byte[] truncated = Frames.ioSample(PLUG, 1, 0, 0, 0x03, 300, 301).encode();
        byte[] good2 = Frames.ioSample(PLUG, 1, 0, 0, 0x01, 400).encode();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(new byte[] {0x01, 0x02, (byte) 0xFF});
        stream.writeBytes(good1);
        stream.writeBytes(corrupted);
        stream.write(truncated, 0, truncated.length - 4);
        stream.writeBytes(good2);
        byte[] all = stream.toByteArray();

        decoder.feed(all, 0, all.length);

        assertThat(frames).containsExactly(new XBeeFrame(FrameType.IO_SAMPLE, payload(good1)),
                new XBeeFrame(FrameType.IO_SAMPLE, payload(good2)));
        assertThat(skipped).anyMatch(s -> s.contains("outside any frame"));
        assertThat(skipped).anyMatch(s -> s.contains("bad checksum") && s.contains("0013A20040A1B2C3"));
    }

    private static byte[] payload(byte[] wire) {
        byte[] payload = new byte[wire.length - 5];
        System.arraycopy(wire, 4, payload, 0, payload.length);
        return payload;
    }
}
