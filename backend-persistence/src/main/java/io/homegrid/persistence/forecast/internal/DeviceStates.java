package io.homegrid.persistence.forecast.internal;

import java.util.Arrays;

import io.homegrid.persistence.forecast.DeviceHistory;

/**
 * Whether a device is on in each slot, and for how many slots it has been in that state: its
 * cycle's phase. "On" is above the midpoint of its low and high levels in training (5th and 95th
 * percentile), so a fridge's compressor, a TV's standby and a washing machine's programme each
 * find their own threshold; a device whose levels lie within a watt of each other never switches.
 */
public final class DeviceStates {

    private final boolean switches;
    private final boolean[] on;
    private final int[] age;

    public DeviceStates(DeviceHistory history, int device, int from, int to) {
        int slots = history.slots();
        double[] training = new double[Math.max(0, to - from)];
        for (int i = from; i < to; i++) {
            training[i - from] = history.watts(device, i);
        }
        Arrays.sort(training);
        double low = training.length == 0 ? 0 : training[(int) (0.05 * (training.length - 1))];
        double high = training.length == 0 ? 0 : training[(int) Math.ceil(0.95 * (training.length - 1))];
        this.switches = high - low > 1;
        double threshold = (low + high) / 2;
        this.on = new boolean[slots];
        this.age = new int[slots];
        for (int i = 0; i < slots; i++) {
            on[i] = switches && history.watts(device, i) > threshold;
            age[i] = i > 0 && on[i] == on[i - 1] ? age[i - 1] + 1 : 1;
        }
    }

    public boolean switches() {
        return switches;
    }

    public boolean on(int slot) {
        return on[slot];
    }

    /** Slots the device has been in its state at {@code slot}, counting that one. */
    public int age(int slot) {
        return age[slot];
    }
}
