package io.homegrid.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.api.ProtocolAdapter;

class RelayActuatorTest {

    @Test
    void aConfirmedSwitchAnswersTheConfirmedState() {
        RelayActuator relays = new RelayActuator(() -> List.of(adapter("plug", CompletableFuture.completedFuture(true))));

        assertThat(relays.switchRelay("plug", true)).isEqualTo(new RelayActuator.Switched(true));
    }

    @Test
    void aDeviceNoAdapterReachesIsUnreachable() {
        RelayActuator relays = new RelayActuator(() -> List.of(adapter("plug", CompletableFuture.completedFuture(true))));

        assertThat(relays.switchRelay("other", true)).isInstanceOf(RelayActuator.Unreachable.class);
    }

    @Test
    void aFailedSwitchIsNotConfirmedWithTheAdaptersReason() {
        RelayActuator relays = new RelayActuator(() -> List.of(adapter("plug",
                CompletableFuture.failedFuture(new IllegalStateException("device plug did not confirm: timeout")))));

        assertThat(relays.switchRelay("plug", false))
                .isEqualTo(new RelayActuator.NotConfirmed("device plug did not confirm: timeout"));
    }

    private static ProtocolAdapter adapter(String device, CompletableFuture<Boolean> answer) {
        return new ProtocolAdapter() {
            @Override
            public String protocol() {
                return "stub";
            }

            @Override
            public boolean connected() {
                return true;
            }

            @Override
            public boolean reaches(String address) {
                return device.equals(address);
            }

            @Override
            public CompletableFuture<Boolean> setRelay(String address, boolean on) {
                return answer;
            }

            @Override
            public void discover() {
                // not needed for switching
            }
        };
    }
}
