package io.homegrid.model.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.ReplaySeq;
import io.homegrid.model.SensorKind;

class ReadingBatchCodecTest {

    @Test
    void aBatchComesBackEqualAndSmallerThanItsJson() throws Exception {
        ReadingBatch batch = new ReadingBatch("gw-ü", List.of(
                new Reading("plug-1", SensorKind.POWER, 12.5, "W", Instant.parse("2026-11-22T00:59:00.123456789Z"), 1),
                new Reading("plug-2", SensorKind.TEMPERATURE, -3.25, "°C", Instant.parse("2026-11-22T00:59:01Z"), 2),
                new Reading("plug-1", SensorKind.RELAY, 1, "0/1", Instant.parse("2026-11-22T00:59:02Z"),
                        ReplaySeq.of(5, false, 7))));

        byte[] bytes = ReadingBatchCodec.encode(batch);

        assertThat(ReadingBatchCodec.decode(bytes)).isEqualTo(batch);
        assertThat(bytes.length).isLessThan(io.homegrid.model.json.Json.mapper().writeValueAsBytes(batch).length / 2);
    }

    @Test
    void severalBatchesShareAnEnvelopeAndComeOutWholeInOrder() {
        byte[] first = ReadingBatchCodec.encode(new ReadingBatch("gw-1", List.of(
                new Reading("d", SensorKind.POWER, 1, "W", Instant.EPOCH, 1))));
        byte[] second = ReadingBatchCodec.encode(new ReadingBatch("gw-2", List.of()));

        List<ReadingBatchCodec.Part> out = ReadingBatchCodec.decodeMany(ReadingBatchCodec.encodeMany(List.of(
                new ReadingBatchCodec.Part("gw-1", 1, first), new ReadingBatchCodec.Part("gw-2", 0, second))));

        assertThat(out).extracting(ReadingBatchCodec.Part::gateway).containsExactly("gw-1", "gw-2");
        assertThat(out).extracting(ReadingBatchCodec.Part::readings).containsExactly(1, 0);
        assertThat(out.get(0).batch()).isEqualTo(first);
        assertThat(ReadingBatchCodec.decode(out.get(1).batch()).gateway()).isEqualTo("gw-2");
        assertThatThrownBy(() -> ReadingBatchCodec.decodeMany(first)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What persistence and CEP read: either form, as the batches it carries. */
    @Test
    void decodeAllReadsOneBatchOrAnEnvelopeOfThem() {
        ReadingBatch one = new ReadingBatch("gw-1", List.of(new Reading("d", SensorKind.POWER, 1, "W", Instant.EPOCH, 1)));
        ReadingBatch two = new ReadingBatch("gw-2", List.of(new Reading("e", SensorKind.POWER, 2, "W", Instant.EPOCH, 4)));
        byte[] envelope = ReadingBatchCodec.encodeMany(List.of(
                new ReadingBatchCodec.Part("gw-1", 1, ReadingBatchCodec.encode(one)),
                new ReadingBatchCodec.Part("gw-2", 1, ReadingBatchCodec.encode(two))));

        assertThat(ReadingBatchCodec.decodeAll(ReadingBatchCodec.encode(one))).containsExactly(one);
        assertThat(ReadingBatchCodec.decodeAll(envelope)).containsExactly(one, two);
        assertThatThrownBy(() -> ReadingBatchCodec.decodeAll(new byte[] {7})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 7");
    }

    @Test
    void anEmptyBatchRoundTrips() {
        ReadingBatch empty = new ReadingBatch("gw-1", List.of());

        assertThat(ReadingBatchCodec.decode(ReadingBatchCodec.encode(empty))).isEqualTo(empty);
    }

    @Test
    void bytesThatAreNotABatchAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ReadingBatchCodec.decode(new byte[] {9, 1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 9");
        byte[] truncated = java.util.Arrays.copyOf(ReadingBatchCodec.encode(new ReadingBatch("gw-1", List.of(
                new Reading("d", SensorKind.POWER, 1, "W", Instant.EPOCH, 1)))), 20);
        assertThatThrownBy(() -> ReadingBatchCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
}
