package io.homegrid.persistence.forecast.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.homegrid.persistence.forecast.DeviceHistory;

/**
 * The device-aware model's features for a forecast made after slot {@code i} (the last known one)
 * for slot {@code i + lead}. Why these:
 * <ul>
 * <li>the last two totals: what persistence knows, and whether the load is rising or falling;</li>
 * <li>the weekday profile at the target slot and at the last one: households repeat their weeks,
 * and the difference says how far today departs from the usual;</li>
 * <li>two time-of-day harmonics of the target slot: the daily shape, smooth where the profile is
 * thin (a new household, a one-minute step);</li>
 * <li>per major device its power, whether it is on, how long it has been in that state, and what
 * it drew {@code lead} slots after that state in training ({@link CycleTable}): the total hides
 * which appliance runs, but a washing machine's next hour or a fridge's next quarter depends on
 * exactly that;</li>
 * <li>the other devices' power together: small loads, one feature rather than many.</li>
 * </ul>
 * Major devices are the {@value #MAJOR} with the most energy in training.
 */
public final class Features {

    static final int MAJOR = 8;
    private static final double DAY_SECONDS = 86_400;
    /** An age in slots beyond this says nothing more about a cycle. */
    private static final int AGE_CAP = 96;

    private final DeviceHistory history;
    private final SlotProfile profile;
    private final int[] major;
    private final int[] minor;
    private final DeviceStates[] states;
    private final CycleTable[] cycles;

    private Features(DeviceHistory history, SlotProfile profile, int[] major, int[] minor, DeviceStates[] states,
            CycleTable[] cycles) {
        this.history = history;
        this.profile = profile;
        this.major = major;
        this.minor = minor;
        this.states = states;
        this.cycles = cycles;
    }

    /** What every lead shares: the profile, the major devices and their states, from training [from, to). */
    public static Shared shared(DeviceHistory history, int from, int to) {
        int devices = history.devices().size();
        double[] energy = new double[devices];
        for (int d = 0; d < devices; d++) {
            for (int i = from; i < to; i++) {
                energy[d] += history.watts(d, i);
            }
        }
        List<Integer> ranked = new ArrayList<>(IntStream.range(0, devices).boxed().toList());
        ranked.sort(Comparator.comparingDouble((Integer d) -> -energy[d]).thenComparing(d -> d));
        int[] major = ranked.subList(0, Math.min(MAJOR, devices)).stream().mapToInt(Integer::intValue).toArray();
        int[] minor = ranked.subList(major.length, devices).stream().mapToInt(Integer::intValue).toArray();
        DeviceStates[] states = new DeviceStates[major.length];
        for (int m = 0; m < major.length; m++) {
            states[m] = new DeviceStates(history, major[m], from, to);
        }
        return new Shared(history, new SlotProfile(history, from, to), major, minor, states, from, to);
    }

    /** The parts of the features that do not depend on the lead. */
    public record Shared(DeviceHistory history, SlotProfile profile, int[] major, int[] minor, DeviceStates[] states,
            int from, int to) {

        /** The features for one lead, with its cycle tables from training. */
        public Features forLead(int lead) {
            CycleTable[] cycles = new CycleTable[major.length];
            for (int m = 0; m < major.length; m++) {
                cycles[m] = new CycleTable(history, major[m], states[m], lead, from, to);
            }
            return new Features(history, profile, major, minor, states, cycles);
        }
    }

    public int size() {
        return 8 + 4 * major.length + 1;
    }

    /** The features of a forecast made after slot {@code i} for the slot starting at {@code target}. */
    public double[] row(int i, Instant target) {
        double[] x = new double[size()];
        int c = 0;
        x[c++] = history.total(i);
        x[c++] = history.total(Math.max(0, i - 1));
        x[c++] = profile.at(target);
        x[c++] = profile.at(history.time(i));
        double day = target.atZone(history.zone()).toLocalTime().toSecondOfDay() / DAY_SECONDS;
        x[c++] = Math.sin(2 * Math.PI * day);
        x[c++] = Math.cos(2 * Math.PI * day);
        x[c++] = Math.sin(4 * Math.PI * day);
        x[c++] = Math.cos(4 * Math.PI * day);
        for (int m = 0; m < major.length; m++) {
            x[c++] = history.watts(major[m], i);
            x[c++] = states[m].on(i) ? 1 : 0;
            x[c++] = Math.min(states[m].age(i), AGE_CAP) / (double) AGE_CAP;
            x[c++] = cycles[m].expected(i);
        }
        double rest = 0;
        for (int d : minor) {
            rest += history.watts(d, i);
        }
        x[c] = rest;
        return x;
    }
}
