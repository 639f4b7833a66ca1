package io.homegrid.routes.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.homegrid.bus.BrokerLoad;
import io.homegrid.persistence.IngestStats;
import io.homegrid.routes.rest.PushSettings;

class BackPressureTest {

    private final AtomicReference<Duration> lag = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger store = new AtomicInteger();
    private final BackPressure pressure = new BackPressure(() -> stats(lag), () -> (BrokerLoad) store::get,
            PushSettings.DEFAULT);

    @Test
    void pushesPassWhileIngestKeepsUp() {
        lag.set(Duration.ofSeconds(59));
        store.set(70);

        assertThat(pressure.refusal()).isEmpty();
        assertThat(pressure.problem()).isNull();
        assertThat(pressure.detail()).isEqualTo("lag 59.0 s (bound 60 s), broker store 70 % (bound 70 %)");
    }

    @Test
    void aLagPastTheBoundIsAnswered503WithRetryAfterAndAJsonErrorNamingReadings() {
        lag.set(Duration.ofSeconds(75));

        Response refused = pressure.refusal().orElseThrow();

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeaderString("Retry-After")).isEqualTo("16");
        assertThat(refused.getEntity().toString()).contains("readings").contains("75 s ago");
        assertThat(pressure.problem()).contains("answered 503");
    }

    @Test
    void aFullBrokerStoreIsAnswered503AsWell() {
        store.set(71);

        Response refused = pressure.refusal().orElseThrow();

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeaderString("Retry-After")).isEqualTo("30");
        assertThat(pressure.problem()).contains("71 % full");
    }

    @Test
    void theBrokerStoreIsAskedAtMostOnceASecondHoweverManyPushesAsk() {
        AtomicInteger asked = new AtomicInteger();
        BackPressure sampled = new BackPressure(() -> stats(lag), () -> (BrokerLoad) () -> {
            asked.incrementAndGet();
            return 10;
        }, PushSettings.DEFAULT);

        for (int i = 0; i < 1_000; i++) {
            assertThat(sampled.refusal()).isEmpty();
        }

        assertThat(asked.get()).isBetween(1, 2);
    }

    @Test
    void servicesThatAreAwayCountAsNoPressure() {
        BackPressure alone = new BackPressure(() -> null, () -> null, PushSettings.DEFAULT);

        assertThat(alone.refusal()).isEmpty();
        assertThat(alone.detail()).startsWith("lag 0.0 s");
    }

    private static IngestStats stats(AtomicReference<Duration> lag) {
        return new IngestStats() {
            @Override
            public long readingsStored() {
                return 0;
            }

            @Override
            public long duplicatesDropped() {
                return 0;
            }

            @Override
            public long messagesDeadLettered() {
                return 0;
            }

            @Override
            public boolean running() {
                return true;
            }

            @Override
            public Duration lag() {
                return lag.get();
            }
        };
    }
}
