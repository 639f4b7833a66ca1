package io.homegrid.persistence.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackTestTest {

    @Test
    void reportsBothModelsErrorsPerHorizonOverTheTestPeriodOnly() {
        Random noise = new Random(5);
        DeviceHistory history = Histories.of(Duration.ofMinutes(15), 14 * 96, List.of("tv", "fridge"),
                List.of(i -> i % 96 > 72 ? 95 : 0.5, i -> i % 3 == 0 ? 85 + noise.nextGaussian() : 2));

        BackTest.Report report = BackTest.run(List.of(history), new BackTest.Setup(new int[] {1, 4}, 2 * 96, 10 * 96,
                96, 1));

        assertThat(report.households()).isEqualTo(1);
        assertThat(report.errors()).extracting(BackTest.Errors::horizon)
                .containsExactly(Duration.ofMinutes(15), Duration.ofHours(1));
        // every test origin whose target lies in the history: 192 and 189
        assertThat(report.errors()).extracting(BackTest.Errors::n).containsExactly(192L, 189L);
        assertThat(report.errors()).allSatisfy(errors -> {
            assertThat(errors.persistenceMae()).isFinite().isPositive();
            assertThat(errors.persistenceRmse()).isGreaterThanOrEqualTo(errors.persistenceMae());
            assertThat(errors.deviceAwareMae()).isFinite().isNotNegative();
            assertThat(errors.deviceAwareRmse()).isGreaterThanOrEqualTo(errors.deviceAwareMae());
        });
    }
}
