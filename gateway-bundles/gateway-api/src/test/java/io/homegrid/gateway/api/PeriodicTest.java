package io.homegrid.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PeriodicTest {

    @Test
    void aFailingRunDoesNotEndTheSchedule() {
        AtomicInteger runs = new AtomicInteger();
        try (Periodic periodic = Periodic.every(Duration.ofMillis(10), "test-task", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("every run fails");
        })) {
            await().until(() -> runs.get() >= 3);
            assertThat(periodic.period()).isEqualTo(Duration.ofMillis(10));
        }
    }
}
