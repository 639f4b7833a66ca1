package io.homegrid.persistence.forecast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Back-tests both forecasts on stored histories: over the test period, a forecast from every
 * {@code originEvery}-th slot, scored at the chosen horizons against what was then measured. The
 * device-aware model is refitted every {@code refitEvery} slots on the {@code trainingSlots}
 * before the refit (as the endpoint fits on the weeks before a request), so it never sees a
 * target it is scored on.
 */
public final class BackTest {

    /** @param horizons in steps ahead; {@code testSlots} at the end of each history are tested */
    public record Setup(int[] horizons, int testSlots, int trainingSlots, int refitEvery, int originEvery) {
    }

    /** Mean absolute and root mean squared error of both models at one horizon, over {@code n} forecasts. */
    public record Errors(Duration horizon, long n, double persistenceMae, double persistenceRmse,
            double deviceAwareMae, double deviceAwareRmse) {
    }

    /** @param unfitted refits with too little history, whose forecasts were left out for both models */
    public record Report(int households, List<Errors> errors, long unfitted) {
    }

    private BackTest() {
    }

    public static Report run(List<DeviceHistory> histories, Setup setup) {
        int horizons = setup.horizons().length;
        int maxLead = Arrays.stream(setup.horizons()).max().orElseThrow();
        long[] n = new long[horizons];
        double[][] abs = new double[2][horizons];
        double[][] squares = new double[2][horizons];
        long unfitted = 0;
        Duration step = null;
        for (DeviceHistory history : histories) {
            step = history.step();
            int testFrom = Math.max(1, history.slots() - setup.testSlots());
            DeviceAwareForecast model = null;
            int fittedAt = 0;
            for (int origin = testFrom; origin < history.slots(); origin += setup.originEvery()) {
                if (model == null || origin - fittedAt >= setup.refitEvery()) {
                    model = DeviceAwareForecast.fit(history, Math.max(0, origin - setup.trainingSlots()), origin,
                            setup.horizons());
                    fittedAt = origin;
                }
                if (!model.fitted()) {
                    unfitted++;
                    continue;
                }
                double persistence = PersistenceForecast.at(history, origin);
                for (int h = 0; h < horizons; h++) {
                    int lead = setup.horizons()[h];
                    int target = origin - 1 + lead;
                    if (target >= history.slots() || !history.measured(target) || Double.isNaN(persistence)) {
                        continue;
                    }
                    double actual = history.total(target);
                    double[] errors = {persistence - actual, model.forecast(origin, lead) - actual};
                    for (int m = 0; m < 2; m++) {
                        abs[m][h] += Math.abs(errors[m]);
                        squares[m][h] += errors[m] * errors[m];
                    }
                    n[h]++;
                }
            }
        }
        List<Errors> errors = new ArrayList<>();
        for (int h = 0; h < horizons; h++) {
            Duration horizon = step == null ? Duration.ZERO : step.multipliedBy(setup.horizons()[h]);
            errors.add(new Errors(horizon, n[h], abs[0][h] / n[h], Math.sqrt(squares[0][h] / n[h]), abs[1][h] / n[h],
                    Math.sqrt(squares[1][h] / n[h])));
        }
        return new Report(histories.size(), errors, unfitted);
    }
}
