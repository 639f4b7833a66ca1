package io.homegrid.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.test.StubAdapter;

class RelayActuatorTest {

    @Test
    void aConfirmedSwitchAnswersTheConfirmedState() {
        RelayActuator relays = new RelayActuator(() -> List.of(StubAdapter.confirming("plug")));

        assertThat(relays.switchRelay("plug", true)).isEqualTo(new RelayActuator.Switched(true));
    }

    @Test
    void aDeviceNoAdapterReachesIsUnreachable() {
        RelayActuator relays = new RelayActuator(() -> List.of(StubAdapter.confirming("plug")));

        assertThat(relays.switchRelay("other", true)).isInstanceOf(RelayActuator.Unreachable.class);
    }

    @Test
    void aFailedSwitchIsNotConfirmedWithTheAdaptersReason() {
        RelayActuator relays = new RelayActuator(() -> List.of(StubAdapter.answering(
                CompletableFuture.failedFuture(new IllegalStateException("device plug did not confirm: timeout")), "plug")));

        assertThat(relays.switchRelay("plug", false))
                .isEqualTo(new RelayActuator.NotConfirmed("device plug did not confirm: timeout"));
    }
}
