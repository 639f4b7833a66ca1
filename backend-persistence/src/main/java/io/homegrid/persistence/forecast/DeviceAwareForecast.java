package io.homegrid.persistence.forecast;

import java.util.Arrays;
import java.util.TreeSet;

import io.homegrid.persistence.forecast.internal.Features;
import io.homegrid.persistence.forecast.internal.RidgeRegression;

/**
 * The device-aware forecast: for each lead (steps ahead) one linear regression, fitted by least
 * squares on the household's own history, from {@link Features}: the last totals, the weekday
 * profile, time-of-day harmonics and each major device's power, state and cycle. One model per
 * lead because what matters changes with the lead: the next quarter hour follows the running
 * appliances, six hours out only the profile is left. At most {@value #MAX_FITS} leads are fitted;
 * a lead between two of them uses the nearest one's regression with its own target-time features.
 */
public final class DeviceAwareForecast {

    static final int MAX_FITS = 48;
    /** Light: just enough to keep collinear features (a device's power and its on flag) solvable. */
    static final double LAMBDA = 1.0;

    private final DeviceHistory history;
    private final int[] leads;
    private final Features[] features;
    private final RidgeRegression[] models;
    private final int trainingRows;
    private final String unfitted;

    private DeviceAwareForecast(DeviceHistory history, int[] leads, Features[] features, RidgeRegression[] models,
            int trainingRows, String unfitted) {
        this.history = history;
        this.leads = leads;
        this.features = features;
        this.models = models;
        this.trainingRows = trainingRows;
        this.unfitted = unfitted;
    }

    /** Fits leads 1 to {@code maxLead} (or {@value #MAX_FITS} of them) on the slots [from, to). */
    public static DeviceAwareForecast fit(DeviceHistory history, int from, int to, int maxLead) {
        return fit(history, from, to, leadsUpTo(maxLead));
    }

    /**
     * Fits these leads on the slots [from, to): each regression learns from the forecasts it would
     * have made after every slot of training whose target also lies in training and was measured.
     */
    public static DeviceAwareForecast fit(DeviceHistory history, int from, int to, int[] leads) {
        int[] sorted = Arrays.stream(leads).distinct().sorted().toArray();
        Features.Shared shared = Features.shared(history, from, to);
        Features[] features = new Features[sorted.length];
        RidgeRegression[] models = new RidgeRegression[sorted.length];
        int rows = Integer.MAX_VALUE;
        for (int l = 0; l < sorted.length; l++) {
            int lead = sorted[l];
            Features lf = shared.forLead(lead);
            int n = 0;
            double[][] x = new double[Math.max(0, to - from - lead)][];
            double[] y = new double[x.length];
            for (int i = from + 1; i + lead < to; i++) {
                if (history.measured(i + lead)) {
                    x[n] = lf.row(i, history.time(i + lead));
                    y[n] = history.total(i + lead);
                    n++;
                }
            }
            rows = Math.min(rows, n);
            if (n < 2 * lf.size()) {
                return new DeviceAwareForecast(history, sorted, null, null, n, "needs at least " + 2 * lf.size()
                        + " measured slots of history for " + lead + " step(s) ahead, has " + n);
            }
            features[l] = lf;
            models[l] = RidgeRegression.fit(Arrays.copyOf(x, n), Arrays.copyOf(y, n), LAMBDA);
        }
        return new DeviceAwareForecast(history, sorted, features, models, rows, null);
    }

    /** Whether there was enough history to fit; if not, {@link #unfitted()} says why. */
    public boolean fitted() {
        return models != null;
    }

    public String unfitted() {
        return unfitted;
    }

    /** The fewest rows any lead's regression was fitted on. */
    public int trainingRows() {
        return trainingRows;
    }

    /**
     * The forecast made at {@code origin} (slot {@code origin - 1} the last known one) for
     * {@code lead} steps ahead, that is for slot {@code origin - 1 + lead}; never below zero, since
     * a household's demand is not. NaN when not fitted or nothing is known before the origin.
     */
    public double forecast(int origin, int lead) {
        if (!fitted() || origin < 1 || Double.isNaN(PersistenceForecast.at(history, origin))) {
            return Double.NaN;
        }
        int l = nearest(lead);
        int last = origin - 1;
        double[] row = features[l].row(last, history.time(last).plus(history.step().multipliedBy(lead)));
        return Math.max(0, models[l].predict(row));
    }

    /** {@code steps} forecasts made at {@code origin}, leads 1 to {@code steps}. */
    public double[] series(int origin, int steps) {
        double[] values = new double[steps];
        for (int k = 1; k <= steps; k++) {
            values[k - 1] = forecast(origin, k);
        }
        return values;
    }

    private int nearest(int lead) {
        int at = Arrays.binarySearch(leads, lead);
        if (at >= 0) {
            return at;
        }
        int above = -at - 1;
        if (above == 0) {
            return 0;
        }
        if (above == leads.length) {
            return leads.length - 1;
        }
        return lead - leads[above - 1] <= leads[above] - lead ? above - 1 : above;
    }

    /** Every lead up to 48; beyond, the first 12 and the rest spread evenly up to the last. */
    static int[] leadsUpTo(int maxLead) {
        if (maxLead <= MAX_FITS) {
            return java.util.stream.IntStream.rangeClosed(1, maxLead).toArray();
        }
        TreeSet<Integer> leads = new TreeSet<>();
        for (int k = 1; k <= 12; k++) {
            leads.add(k);
        }
        int spread = MAX_FITS - 12;
        for (int j = 1; j <= spread; j++) {
            leads.add(12 + (int) Math.round((double) (maxLead - 12) * j / spread));
        }
        return leads.stream().mapToInt(Integer::intValue).toArray();
    }
}
