package io.homegrid.sharing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.homegrid.sharing.SharingSettings;

class DispatcherTest {

    @Test
    void waitsDoubleFromOneSecondUpToTheBound() {
        Dispatcher dispatcher = new Dispatcher(null, new SharingSettings(Duration.ofSeconds(20), 10,
                Duration.ofMillis(100), false), Clock.systemUTC());

        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(dispatcher.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(dispatcher.backoff(6)).isEqualTo(Duration.ofSeconds(20));
        assertThat(dispatcher.backoff(1_000)).isEqualTo(Duration.ofSeconds(20));
    }
}
