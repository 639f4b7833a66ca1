package io.homegrid.model.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void thePauseDoublesWithEveryFailureUpToTheCap() {
        assertThat(backoff.failed()).hasSeconds(1);
        assertThat(backoff.failed()).hasSeconds(2);
        assertThat(backoff.failed()).hasSeconds(4);
        assertThat(backoff.failed()).hasSeconds(5);
        assertThat(backoff.pause()).hasSeconds(5);
    }

    @Test
    void aSuccessStartsOverAtTheInitialPause() {
        backoff.failed();
        backoff.failed();

        backoff.succeeded();

        assertThat(backoff.pause()).hasSeconds(1);
    }
}
