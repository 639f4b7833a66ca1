package io.homegrid.persistence.forecast.internal;

import io.homegrid.persistence.forecast.DeviceHistory;

/**
 * What a device drew {@code lead} slots after being in a state for a while, averaged over the
 * training: E[power(i + lead) | on(i), age(i)]. This is how a linear model learns a cycle: a
 * fridge 10 minutes into its compressor run will stop soon, a washing machine 20 minutes into
 * its programme will heat no more but spin for an hour, a kettle that just started is off in
 * the next quarter. Ages are exact up to 32 slots (a cycle's end is one exact age), then binned
 * roughly logarithmically; a bin seen fewer than
 * {@value #MIN_SAMPLES} times falls back to the state's mean.
 */
public final class CycleTable {

    private static final int[] AGE_BIN_STARTS = ageBins();
    private static final int MIN_SAMPLES = 5;

    private final DeviceStates states;
    private final double[][] mean;

    public CycleTable(DeviceHistory history, int device, DeviceStates states, int lead, int from, int to) {
        this.states = states;
        int bins = AGE_BIN_STARTS.length;
        double[][] sum = new double[2][bins];
        int[][] n = new int[2][bins];
        double[] stateSum = new double[2];
        int[] stateN = new int[2];
        double all = 0;
        int allN = 0;
        for (int i = from; i + lead < to; i++) {
            if (!history.measured(i + lead)) {
                continue;
            }
            int s = states.on(i) ? 1 : 0;
            double future = history.watts(device, i + lead);
            sum[s][bin(states.age(i))] += future;
            n[s][bin(states.age(i))]++;
            stateSum[s] += future;
            stateN[s]++;
            all += future;
            allN++;
        }
        double overall = allN == 0 ? 0 : all / allN;
        this.mean = new double[2][bins];
        for (int s = 0; s < 2; s++) {
            double state = stateN[s] == 0 ? overall : stateSum[s] / stateN[s];
            for (int b = 0; b < bins; b++) {
                mean[s][b] = n[s][b] < MIN_SAMPLES ? state : sum[s][b] / n[s][b];
            }
        }
    }

    /** The device's expected power {@code lead} slots after slot {@code i}. */
    public double expected(int i) {
        return mean[states.on(i) ? 1 : 0][bin(states.age(i))];
    }

    private static int[] ageBins() {
        int[] coarse = {33, 41, 49, 65, 97, 145, 193, 289};
        int[] starts = new int[32 + coarse.length];
        for (int age = 1; age <= 32; age++) {
            starts[age - 1] = age;
        }
        System.arraycopy(coarse, 0, starts, 32, coarse.length);
        return starts;
    }

    private static int bin(int age) {
        if (age <= 32) {
            return age - 1;
        }
        int b = 0;
        while (b + 1 < AGE_BIN_STARTS.length && age >= AGE_BIN_STARTS[b + 1]) {
            b++;
        }
        return b;
    }
}
