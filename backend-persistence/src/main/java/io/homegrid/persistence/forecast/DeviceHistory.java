package io.homegrid.persistence.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A household's power history at the forecast's step: each device's mean power per slot, slot 0
 * starting at {@link #start()}. A device's unmeasured slot holds its last measured value (a plug
 * that missed a report still draws), and zero before its first; {@link #measured(int)} says
 * whether any device reported in a slot, so that back-tests score only slots that were measured.
 */
public final class DeviceHistory {

    private final Instant start;
    private final Duration step;
    private final ZoneId zone;
    private final List<String> devices;
    private final double[][] watts;
    private final double[] total;
    private final boolean[] measured;

    /**
     * @param watts per device (in the order of {@code devices}) and slot, NaN where it did not report
     */
    public DeviceHistory(Instant start, Duration step, ZoneId zone, List<String> devices, double[][] watts) {
        if (watts.length != devices.size()) {
            throw new IllegalArgumentException(devices.size() + " devices but " + watts.length + " series");
        }
        this.start = start;
        this.step = step;
        this.zone = zone;
        this.devices = List.copyOf(devices);
        int slots = watts.length == 0 ? 0 : watts[0].length;
        this.watts = new double[watts.length][];
        this.total = new double[slots];
        this.measured = new boolean[slots];
        for (int d = 0; d < watts.length; d++) {
            if (watts[d].length != slots) {
                throw new IllegalArgumentException("device " + devices.get(d) + " has " + watts[d].length
                        + " slots, not " + slots);
            }
            double[] filled = new double[slots];
            double last = 0;
            for (int i = 0; i < slots; i++) {
                if (!Double.isNaN(watts[d][i])) {
                    last = watts[d][i];
                    measured[i] = true;
                }
                filled[i] = last;
                total[i] += last;
            }
            this.watts[d] = filled;
        }
    }

    public Instant start() {
        return start;
    }

    public Duration step() {
        return step;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<String> devices() {
        return devices;
    }

    public int slots() {
        return total.length;
    }

    /** The start of slot {@code i}. */
    public Instant time(int i) {
        return start.plus(step.multipliedBy(i));
    }

    /** The household's mean power in slot {@code i}: its devices' added up. */
    public double total(int i) {
        return total[i];
    }

    /** Device {@code d}'s mean power in slot {@code i}. */
    public double watts(int d, int i) {
        return watts[d][i];
    }

    /** Whether any device reported in slot {@code i}. */
    public boolean measured(int i) {
        return measured[i];
    }

    /** Whether any slot was measured at all. */
    public boolean any() {
        for (boolean m : measured) {
            if (m) {
                return true;
            }
        }
        return false;
    }
}
