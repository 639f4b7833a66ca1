package io.homegrid.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Replayed seqs are negative, name their replay, mode and place, and never repeat. */
class ReplaySeqTest {

    @Test
    void aReplayedSeqNamesItsReplayItsModeAndItsPlace() {
        long seq = ReplaySeq.of(7, true, 123_456);

        assertThat(seq).isNegative();
        assertThat(ReplaySeq.replay(seq)).isEqualTo(7);
        assertThat(ReplaySeq.isolated(seq)).isTrue();
        assertThat(ReplaySeq.index(seq)).isEqualTo(123_456);
        assertThat(ReplaySeq.isolated(ReplaySeq.of(7, false, 0))).isFalse();
    }

    @Test
    void theExtremesStayApartAndNegative() {
        long last = ReplaySeq.of(ReplaySeq.MAX_REPLAY, true, ReplaySeq.MAX_INDEX);
        long first = ReplaySeq.of(1, false, 0);

        assertThat(last).isNegative().isNotEqualTo(first);
        assertThat(ReplaySeq.replay(last)).isEqualTo(ReplaySeq.MAX_REPLAY);
        assertThat(ReplaySeq.index(last)).isEqualTo(ReplaySeq.MAX_INDEX);
        assertThat(ReplaySeq.replay(first)).isEqualTo(1);
        assertThat(ReplaySeq.of(1, false, 1)).isNotEqualTo(ReplaySeq.of(2, false, 1)).isNotEqualTo(ReplaySeq.of(1, true, 1));
        assertThatThrownBy(() -> ReplaySeq.of(0, false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplaySeq.replay(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
