package io.homegrid.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** How a page of stored readings is cut into the batches a replay sends, and the places their seqs name. */
class ReplayBatchesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

    @Test
    void atASpeedEachBatchIsOneGatewaysReadingsOfOneInstant() {
        List<ReplaySource.Stored> page = List.of(stored("gw-1", 1, 0), stored("gw-1", 2, 0), stored("gw-2", 1, 0),
                stored("gw-1", 3, 2), stored("gw-1", 4, 2));

        List<List<ReplayRunner.Indexed>> batches = ReplayRunner.batches(page, false, 10);

        assertThat(batches).extracting(batch -> batch.stream().map(r -> r.reading().gateway() + ":" + r.reading().seq()
                + "@" + r.index()).toList()).containsExactly(List.of("gw-1:1@10", "gw-1:2@11"), List.of("gw-2:1@12"),
                        List.of("gw-1:3@13", "gw-1:4@14"));
    }

    /** At full speed readings go by gateway, whatever the order of the page, and keep their places in it. */
    @Test
    void atFullSpeedAGatewaysReadingsGoTogetherUpToTheBatchLimit() {
        List<ReplaySource.Stored> page = new ArrayList<>();
        for (int i = 0; i < ReplayRunner.MAX_BATCH + 5; i++) {
            page.add(stored("gw-1", i, i));
            page.add(stored("gw-2", i, i));
        }

        List<List<ReplayRunner.Indexed>> batches = ReplayRunner.batches(page, true, 0);

        assertThat(batches).extracting(List::size).containsExactly(ReplayRunner.MAX_BATCH, 5, ReplayRunner.MAX_BATCH, 5);
        assertThat(batches.get(2).get(0).reading().gateway()).isEqualTo("gw-2");
        assertThat(batches.get(2).get(0).index()).isEqualTo(1);
        assertThat(batches.stream().flatMap(List::stream).map(ReplayRunner.Indexed::index).sorted().toList())
                .isEqualTo(LongStream.range(0, page.size()).boxed().toList());
    }

    private static ReplaySource.Stored stored(String gateway, long seq, long second) {
        return new ReplaySource.Stored(gateway, seq, "d", "power", 1, "W", T0.plusSeconds(second));
    }
}
