package io.homegrid.persistence.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DeviceAwareForecastTest {

    private static final Duration STEP = Duration.ofMinutes(5);
    /** Two weeks of 5-minute slots. */
    private static final int SLOTS = 14 * 288;
    private static final int TRAIN = 10 * 288;

    /**
     * A compressor on for 25 minutes of every 65 (a period no time-of-day profile can hold), a
     * router that never switches, a little noise: knowing where the cycle is beats holding the
     * last value at every lead within the cycle.
     */
    @Test
    void aDeviceOnAFixedCycleIsForecastBetterThanByPersistence() {
        Random noise = new Random(3);
        DeviceHistory history = Histories.of(STEP, SLOTS, List.of("fridge", "router"),
                List.of(i -> i % 13 < 5 ? 120 + noise.nextGaussian() * 2 : 2, i -> 8.0));
        int[] leads = {1, 3, 6};
        DeviceAwareForecast model = DeviceAwareForecast.fit(history, 0, TRAIN, leads);
        assertThat(model.fitted()).isTrue();

        for (int lead : leads) {
            double persistence = 0;
            double deviceAware = 0;
            int n = 0;
            for (int origin = TRAIN; origin + lead <= SLOTS; origin++) {
                double actual = history.total(origin - 1 + lead);
                persistence += Math.abs(PersistenceForecast.at(history, origin) - actual);
                deviceAware += Math.abs(model.forecast(origin, lead) - actual);
                n++;
            }
            assertThat(deviceAware / n).as("MAE %d steps ahead (persistence %.1f W)", lead, persistence / n)
                    .isLessThan(0.5 * persistence / n);
        }
    }

    @Test
    void tooShortAHistoryIsNotFittedAndSaysWhy() {
        DeviceHistory history = Histories.of(STEP, 20, List.of("kettle"), List.of(i -> i % 7 == 0 ? 2000 : 0));

        DeviceAwareForecast model = DeviceAwareForecast.fit(history, 0, 20, 4);

        assertThat(model.fitted()).isFalse();
        assertThat(model.unfitted()).contains("needs at least");
        assertThat(model.forecast(20, 1)).isNaN();
    }

    @Test
    void longHorizonsFitAtMost48LeadsAndForecastEveryStep() {
        assertThat(DeviceAwareForecast.leadsUpTo(24)).hasSize(24).startsWith(1).endsWith(24);
        assertThat(DeviceAwareForecast.leadsUpTo(576)).hasSizeLessThanOrEqualTo(48).startsWith(1, 2, 3).endsWith(576);
        DeviceHistory history = Histories.of(Duration.ofMinutes(1), 3000, List.of("lamp"),
                List.of(i -> (i / 90) % 2 == 0 ? 40.0 : 0.0));

        double[] series = DeviceAwareForecast.fit(history, 0, 3000, 120).series(3000, 120);

        // the lamp has been off for 30 of its 90 minutes: off for the next hour, then on
        assertThat(series).hasSize(120);
        assertThat(series[29]).isLessThan(10);
        assertThat(series[89]).isGreaterThan(30);
    }
}
