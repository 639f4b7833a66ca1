package io.homegrid.persistence.analysis;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Figure 3: for each weekday and local time-of-day slot, the average power over the
 * last N whole weeks (ending at the start of today, local time). A device's average in a slot is
 * the mean of its readings there; the household's is the sum of its devices' averages.
 */
public final class WeekdayProfile {

    /**
     * @param powerW         average power in the slot; null when nothing was measured in it
     * @param measuredMinutes minutes with a reading in the slot over all the weeks (device-minutes for the household)
     */
    public record Slot(String weekday, String time, Double powerW, long measuredMinutes) {
    }

    /** @param devices each device's profile, when asked for */
    public record Report(String timeZone, String from, String to, int weeks, String slot, String resolution,
            List<Slot> household, Map<String, List<Slot>> devices) {
    }

    private final PowerRollups source;

    public WeekdayProfile(PowerRollups source) {
        this.source = source;
    }

    /** @param slot 15m, 30m or 1h */
    public Report profile(Collection<String> gateways, Collection<String> devices, int weeks, LocalBuckets.Width slot,
            ZoneId zone, Instant now, boolean byDevice) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant to = today.atStartOfDay(zone).toInstant();
        Instant from = today.minusWeeks(weeks).atStartOfDay(zone).toInstant();
        List<Instant> boundaries = new LocalBuckets(slot, zone).boundaries(from, to, Integer.MAX_VALUE - 1);
        Resolution level = Resolution.coarsestFor(boundaries);
        int slots = (int) (86_400 / slot.seconds());
        // Each slot of the weeks to its weekday and time of day; the database sums the weeks' rollup
        // buckets into those, so only 7 × slots rows a device come back.
        int[] profileIndex = new int[boundaries.size() - 1];
        for (int i = 0; i < profileIndex.length; i++) {
            ZonedDateTime local = boundaries.get(i).atZone(zone);
            profileIndex[i] = (local.getDayOfWeek().getValue() - 1) * slots
                    + (int) (local.toLocalTime().toSecondOfDay() / slot.seconds());
        }
        List<String> included = Devices.included(source, gateways, devices);
        Map<String, Sums[]> sums = new LinkedHashMap<>();
        for (String device : included) {
            Sums[] perSlot = new Sums[7 * slots];
            for (int i = 0; i < perSlot.length; i++) {
                perSlot[i] = new Sums();
            }
            sums.put(device, perSlot);
        }
        for (PowerGroup row : source.grouped(gateways, included, boundaries, profileIndex, level)) {
            sums.get(row.device())[row.group()].add(row);
        }

        List<Slot> household = new ArrayList<>(7 * slots);
        for (int i = 0; i < 7 * slots; i++) {
            double power = 0;
            long minutes = 0;
            boolean any = false;
            for (Sums[] device : sums.values()) {
                if (device[i].n > 0) {
                    power += device[i].mean();
                    minutes += device[i].minutes;
                    any = true;
                }
            }
            household.add(slot(i, slots, slot, any ? power : null, minutes));
        }
        Map<String, List<Slot>> perDevice = null;
        if (byDevice) {
            perDevice = new LinkedHashMap<>();
            for (Map.Entry<String, Sums[]> device : sums.entrySet()) {
                List<Slot> profile = new ArrayList<>(7 * slots);
                for (int i = 0; i < 7 * slots; i++) {
                    Sums s = device.getValue()[i];
                    profile.add(slot(i, slots, slot, s.n > 0 ? s.mean() : null, s.minutes));
                }
                perDevice.put(device.getKey(), profile);
            }
        }
        return new Report(zone.getId(), Devices.local(from, zone), Devices.local(to, zone), weeks, slot.id(), level.name(),
                household, perDevice);
    }

    private static Slot slot(int index, int slots, LocalBuckets.Width width, Double power, long minutes) {
        DayOfWeek day = DayOfWeek.of(index / slots + 1);
        LocalTime time = LocalTime.ofSecondOfDay((index % slots) * width.seconds());
        return new Slot(day.name(), time.toString(), power, minutes);
    }

    private static final class Sums {
        private long n;
        private double sum;
        private long minutes;

        void add(PowerGroup row) {
            n += row.n();
            sum += row.sum();
            minutes += row.minutes();
        }

        double mean() {
            return sum / n;
        }
    }
}
