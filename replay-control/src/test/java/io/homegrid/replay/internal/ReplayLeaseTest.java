package io.homegrid.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.testing.TestPostgres;

/** Of several instances sharing the database, one sends a replay; the others see that it is taken. */
class ReplayLeaseTest {

    private final DataSource database = TestPostgres.freshDatabase();

    @Test
    void aReplayIsLeasedToOneRunnerUntilItGivesTheLeaseUp() {
        Optional<ReplayLease> first = ReplayLease.take(database, 7);
        assertThat(first).isPresent();

        assertThat(ReplayLease.take(database, 7)).as("another instance's try").isEmpty();
        assertThat(ReplayLease.awaitReleased(database, 7, Duration.ofMillis(200))).isFalse();
        try (ReplayLease other = ReplayLease.take(database, 8).orElseThrow()) {
            assertThat(other).as("another replay's lease is its own").isNotNull();
        }

        first.get().close();
        assertThat(ReplayLease.awaitReleased(database, 7, Duration.ofMillis(200))).isTrue();
        try (ReplayLease again = ReplayLease.take(database, 7).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aCancelWaitsForTheRunnerThatStopsElsewhere() throws Exception {
        ReplayLease running = ReplayLease.take(database, 9).orElseThrow();
        Thread stopping = new Thread(running::close);

        stopping.start();
        assertThat(ReplayLease.awaitReleased(database, 9, Duration.ofSeconds(10))).isTrue();
        stopping.join();
        assertThat(ReplayLease.take(database, 9)).isPresent().get().satisfies(ReplayLease::close);
    }
}
