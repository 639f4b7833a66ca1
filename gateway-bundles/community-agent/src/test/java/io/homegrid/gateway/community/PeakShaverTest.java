package io.homegrid.gateway.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeakShaverTest {

    private static final Battery BATTERY = new Battery(10_000, 5_000, 5_000, 0.9);
    private static final ShavingSettings SETTINGS = new ShavingSettings(40_000, 20_000, 0.1, 100_000, 3_000);
    private static final double MINUTE = 1 / 60.0;

    @Test
    void aboveTheLimitTheExcessIsSharedAmongTheBatteries() {
        PeakShaver shaver = new PeakShaver(BATTERY, SETTINGS);

        assertThat(shaver.next(0, 50_000, 10, 8_000, 0, MINUTE)).isCloseTo(1_000, within(1e-9));
    }

    @Test
    void belowTheLowerLimitItRechargesAndBetweenTheLimitsItRests() {
        PeakShaver charging = new PeakShaver(BATTERY, SETTINGS);
        assertThat(charging.next(0, 10_000, 5, 2_000, 0, MINUTE)).isCloseTo(-2_000, within(1e-9));

        assertThat(new PeakShaver(BATTERY, SETTINGS).next(0, 30_000, 5, 5_000, 0, MINUTE)).isZero();
    }

    @Test
    void itKeepsTheReserveAndStopsChargingWhenFull() {
        assertThat(new PeakShaver(BATTERY, SETTINGS).next(0, 90_000, 1, 1_000, 0, MINUTE)).as("at the 10 % reserve").isZero();
        assertThat(new PeakShaver(BATTERY, SETTINGS).next(0, 0, 1, 10_000, 0, MINUTE)).as("full").isZero();
        // 50 Wh above the reserve last 50 Wh × 0.95 / (1/60 h) = 2,846 W for one minute, not the 5,000 asked
        assertThat(new PeakShaver(BATTERY, SETTINGS).next(0, 90_000, 1, 1_050, 0, MINUTE))
                .isCloseTo(50 * Math.sqrt(0.9) * 60, within(1e-6));
    }

    @Test
    void itMovesByTheRampLimitAtMost() {
        PeakShaver shaver = new PeakShaver(BATTERY, new ShavingSettings(40_000, 20_000, 0.1, 500, 3_000));

        assertThat(shaver.next(0, 60_000, 4, 8_000, 60_000, MINUTE)).isEqualTo(500);
        assertThat(shaver.next(60_000, 58_000, 4, 8_000, 120_000, MINUTE)).isEqualTo(1_000);
    }

    @Test
    void withoutTheCommunitysSignalItShavesTheHouseholdsOwnPeak() {
        assertThat(new PeakShaver(BATTERY, SETTINGS).fallback(4_500, 8_000, 0, MINUTE)).isCloseTo(1_500, within(1e-9));
    }

    /**
     * Ten batteries under a steady 50 kW, the signal three steps late: they settle on sharing the
     * 10 kW over the limit and stay there, instead of stopping and starting as the signal lags.
     */
    @Test
    void aLateSignalDoesNotMakeTheBatteriesOscillate() {
        List<PeakShaver> shavers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            shavers.add(new PeakShaver(BATTERY, new ShavingSettings(40_000, 20_000, 0.1, 300, 3_000)));
        }
        // the residual measured at each minute, delivered three minutes later
        Deque<double[]> signal = new ArrayDeque<>();
        for (int i = -3; i < 0; i++) {
            signal.addLast(new double[] {i * 60_000L, 50_000});
        }
        List<Double> residuals = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            double[] late = signal.removeFirst();
            double batteries = 0;
            for (PeakShaver shaver : shavers) {
                batteries += shaver.next((long) late[0], late[1], shavers.size(), 9_000, step * 60_000L, MINUTE);
            }
            double residual = 50_000 - batteries;
            signal.addLast(new double[] {step * 60_000L, residual});
            residuals.add(residual);
        }
        List<Double> settled = residuals.subList(150, 200);
        assertThat(settled).allSatisfy(r -> assertThat(r).isCloseTo(40_000, within(1.0)));
    }
}
