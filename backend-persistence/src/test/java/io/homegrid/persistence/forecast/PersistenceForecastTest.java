package io.homegrid.persistence.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PersistenceForecastTest {

    @Test
    void holdsTheLastSlotsTotalForEveryStep() {
        DeviceHistory history = Histories.of(Duration.ofMinutes(15), 10, List.of("a", "b"),
                List.of(i -> i * 10.0, i -> 5.0));

        assertThat(PersistenceForecast.forecast(history, 7, 4)).containsExactly(65, 65, 65, 65);
    }

    @Test
    void aSilentLastSlotHoldsTheLastMeasuredValueAndNothingMeasuredIsNaN() {
        DeviceHistory history = Histories.of(Duration.ofMinutes(15), 10, List.of("a"),
                List.of(i -> i < 2 || i > 5 ? Double.NaN : 100.0 + i));

        assertThat(PersistenceForecast.forecast(history, 9, 2)).containsExactly(105, 105);
        assertThat(PersistenceForecast.at(history, 2)).isNaN();
    }
}
