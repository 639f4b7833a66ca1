package io.homegrid.persistence.forecast;

import java.util.Arrays;

/**
 * The baseline: the last slot's mean power, held for every step ahead. Hard to beat a few
 * minutes out, blind to everything that changes after.
 */
public final class PersistenceForecast {

    private PersistenceForecast() {
    }

    /**
     * @param origin the first slot forecast; slot {@code origin - 1} is the last one known
     * @return {@code steps} values, or NaN for all when nothing was ever measured up to the origin
     */
    public static double[] forecast(DeviceHistory history, int origin, int steps) {
        double[] values = new double[steps];
        Arrays.fill(values, at(history, origin));
        return values;
    }

    /** The value persistence holds for a forecast made at {@code origin}. */
    public static double at(DeviceHistory history, int origin) {
        for (int i = origin - 1; i >= 0; i--) {
            if (history.measured(i)) {
                return history.total(origin - 1);
            }
        }
        return Double.NaN;
    }
}
