package io.homegrid.persistence.forecast.internal;

import java.time.Instant;
import java.time.ZonedDateTime;

import io.homegrid.persistence.forecast.DeviceHistory;

/**
 * The household's weekday profile as the forecast sees it: its mean power per weekday and local
 * time-of-day slot (a quarter hour, or the step when coarser) over the training slots. A weekday
 * slot the training never measured falls back to that time of day on any weekday, then to the
 * overall mean: a new household gets a usable, if flat, profile.
 */
public final class SlotProfile {

    private static final int DAY_SECONDS = 86_400;

    private final DeviceHistory history;
    private final long slotSeconds;
    private final int perDay;
    private final double[] week;
    private final double[] day;
    private final double mean;

    public SlotProfile(DeviceHistory history, int from, int to) {
        this.history = history;
        this.slotSeconds = Math.max(900, history.step().toSeconds());
        this.perDay = (int) (DAY_SECONDS / slotSeconds);
        double[] weekSum = new double[7 * perDay];
        int[] weekN = new int[7 * perDay];
        double[] daySum = new double[perDay];
        int[] dayN = new int[perDay];
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!history.measured(i)) {
                continue;
            }
            int bin = weekBin(history.time(i));
            double y = history.total(i);
            weekSum[bin] += y;
            weekN[bin]++;
            daySum[bin % perDay] += y;
            dayN[bin % perDay]++;
            sum += y;
            n++;
        }
        this.mean = n == 0 ? 0 : sum / n;
        this.day = new double[perDay];
        for (int b = 0; b < perDay; b++) {
            day[b] = dayN[b] == 0 ? mean : daySum[b] / dayN[b];
        }
        this.week = new double[7 * perDay];
        for (int b = 0; b < week.length; b++) {
            week[b] = weekN[b] == 0 ? day[b % perDay] : weekSum[b] / weekN[b];
        }
    }

    /** The profile's value for the slot starting at {@code time}. */
    public double at(Instant time) {
        return week[weekBin(time)];
    }

    private int weekBin(Instant time) {
        ZonedDateTime local = time.atZone(history.zone());
        return (local.getDayOfWeek().getValue() - 1) * perDay + (int) (local.toLocalTime().toSecondOfDay() / slotSeconds);
    }
}
