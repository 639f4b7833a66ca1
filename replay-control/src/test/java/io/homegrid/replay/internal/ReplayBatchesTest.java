package io.homegrid.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a page of stored readings is cut into the batches a replay sends. */
class ReplayBatchesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

    @Test
    void atASpeedEachBatchIsOneGatewaysReadingsOfOneInstant() {
        List<ReplaySource.Stored> page = List.of(stored("gw-1", 1, 0), stored("gw-1", 2, 0), stored("gw-2", 1, 0),
                stored("gw-1", 3, 2), stored("gw-1", 4, 2));

        List<List<ReplaySource.Stored>> batches = ReplayRunner.batches(page, false);

        assertThat(batches).extracting(batch -> batch.stream().map(r -> r.gateway() + ":" + r.seq()).toList())
                .containsExactly(List.of("gw-1:1", "gw-1:2"), List.of("gw-2:1"), List.of("gw-1:3", "gw-1:4"));
    }

    @Test
    void atFullSpeedAGatewaysConsecutiveReadingsGoTogetherUpToTheBatchLimit() {
        List<ReplaySource.Stored> page = new ArrayList<>();
        for (int i = 0; i < ReplayRunner.MAX_BATCH + 5; i++) {
            page.add(stored("gw-1", i, i));
        }
        page.add(stored("gw-2", 1, 200));

        List<List<ReplaySource.Stored>> batches = ReplayRunner.batches(page, true);

        assertThat(batches).extracting(List::size).containsExactly(ReplayRunner.MAX_BATCH, 5, 1);
    }

    private static ReplaySource.Stored stored(String gateway, long seq, long second) {
        return new ReplaySource.Stored(gateway, seq, "d", "power", 1, "W", T0.plusSeconds(second));
    }
}
