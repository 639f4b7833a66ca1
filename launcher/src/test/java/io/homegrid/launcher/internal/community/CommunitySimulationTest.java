package io.homegrid.launcher.internal.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.homegrid.gateway.community.Battery;

class CommunitySimulationTest {

    private static CommunitySimulation.Setup setup(int batteries, double kw) {
        return new CommunitySimulation.Setup(200, batteries, 2, new Battery(10_000, kw * 1000, kw * 1000, 0.9), 0.1,
                5_000, null, null, 1, 0.2, 1_000, 7);
    }

    @Test
    void batteriesShaveTheCommunitysPeakAndMoreOfThemShaveMore() {
        double[] load = CommunitySimulation.load(setup(0, 5));

        CommunitySimulation.Result none = CommunitySimulation.run(setup(0, 5), load);
        CommunitySimulation.Result two = CommunitySimulation.run(setup(2, 5), load);
        CommunitySimulation.Result five = CommunitySimulation.run(setup(5, 5), load);

        assertThat(none.afterW()).isEqualTo(load);
        assertThat(none.reductionPercent()).isZero();
        assertThat(two.reductionPercent()).isPositive();
        assertThat(five.reductionPercent()).isGreaterThan(two.reductionPercent());
        // never below the limit it aims for: what is shaved is the excess over 80 % of the peak
        assertThat(five.peakAfterW()).isGreaterThanOrEqualTo(five.upperW() - 1);
        assertThat(five.dischargedWh()).isPositive();
    }

    @Test
    void theLimitIsTheDischargePowerNotTheCapacity() {
        double[] load = CommunitySimulation.load(setup(0, 5));

        double weak = CommunitySimulation.run(setup(3, 1), load).reductionPercent();
        double strong = CommunitySimulation.run(setup(3, 3), load).reductionPercent();

        assertThat(strong).isGreaterThan(weak * 2);
    }

    @Test
    void thePeakIsThatOfTheFifteenMinuteMeans() {
        double[] load = new double[30];
        load[3] = 1_500; // a one-minute spike
        assertThat(CommunitySimulation.peak(load)).isCloseTo(100, within(1e-9));
    }
}
