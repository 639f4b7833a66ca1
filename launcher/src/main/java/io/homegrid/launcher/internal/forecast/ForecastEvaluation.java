package io.homegrid.launcher.internal.forecast;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.homegrid.persistence.analysis.PowerRollups;
import io.homegrid.persistence.forecast.BackTest;
import io.homegrid.persistence.forecast.DeviceHistory;
import io.homegrid.persistence.forecast.HistoryReader;

/**
 * The back-test of {@code ./homegrid evaluate-forecast}: each household's history read from the
 * rollups as the endpoint reads it, both models scored at 15 min, 1 h, 3 h and 6 h over the test
 * days at the end, the device-aware one refitted every day on the up to four weeks before it.
 */
public final class ForecastEvaluation {

    public static final List<Duration> HORIZONS = List.of(Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6));
    /** As the endpoint: four weeks of history, fewer slots at the finer steps. */
    private static final Duration TRAINING = Duration.ofDays(28);
    private static final int MAX_TRAINING_SLOTS = 8_064;

    /** @param gateways one household's gateways */
    public record Household(List<String> gateways, ZoneId zone) {
    }

    /** @param end the end of the stored history (the test period's end), on the step's grid */
    public record Setup(Instant end, Duration history, Duration step, int testDays) {
    }

    private ForecastEvaluation() {
    }

    public static BackTest.Report run(PowerRollups rollups, List<Household> households, Setup setup) {
        HistoryReader reader = new HistoryReader(rollups);
        int slots = (int) setup.history().dividedBy(setup.step());
        List<DeviceHistory> histories = new ArrayList<>();
        for (Household household : households) {
            histories.add(reader.read(household.gateways(), null, setup.end(), setup.step(), slots, household.zone()));
        }
        int perDay = (int) Duration.ofDays(1).dividedBy(setup.step());
        int[] leads = HORIZONS.stream().filter(h -> h.compareTo(setup.step()) >= 0)
                .mapToInt(h -> (int) h.dividedBy(setup.step())).toArray();
        int training = (int) Math.min(TRAINING.dividedBy(setup.step()), MAX_TRAINING_SLOTS);
        return BackTest.run(histories, new BackTest.Setup(leads, setup.testDays() * perDay, training, perDay, 1));
    }

    /** The errors as a Markdown table, both models side by side per horizon. */
    public static void print(BackTest.Report report, PrintWriter out) {
        out.println("| horizon | forecasts | persistence MAE (W) | device-aware MAE (W) | MAE change |"
                + " persistence RMSE (W) | device-aware RMSE (W) | RMSE change |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (BackTest.Errors e : report.errors()) {
            out.println(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %+.1f %% | %.1f | %.1f | %+.1f %% |",
                    label(e.horizon()), e.n(), e.persistenceMae(), e.deviceAwareMae(),
                    change(e.persistenceMae(), e.deviceAwareMae()), e.persistenceRmse(), e.deviceAwareRmse(),
                    change(e.persistenceRmse(), e.deviceAwareRmse())));
        }
        if (report.unfitted() > 0) {
            out.printf(Locale.ROOT, "(%,d origins left out: too little history to fit the device-aware model)%n",
                    report.unfitted());
        }
        out.flush();
    }

    private static double change(double before, double after) {
        return 100 * (after - before) / before;
    }

    private static String label(Duration horizon) {
        return horizon.toHours() > 0 && horizon.toMinutesPart() == 0 ? horizon.toHours() + " h"
                : horizon.toMinutes() + " min";
    }
}
