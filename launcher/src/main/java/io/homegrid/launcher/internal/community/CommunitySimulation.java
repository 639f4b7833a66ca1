package io.homegrid.launcher.internal.community;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.homegrid.gateway.community.Battery;
import io.homegrid.gateway.community.PeakShaver;
import io.homegrid.gateway.community.ShavingSettings;

/**
 * The community agent's controller ({@link PeakShaver}, the gateway's code) over simulated
 * households, minute by minute and faster than real time: the community's load without and with
 * its batteries, each battery deciding from the residual load it is told, late.
 */
public final class CommunitySimulation {

    /** What to simulate; limits in W, null: derived from the load without batteries (see {@link #run}). */
    public record Setup(int homes, int batteries, int days, Battery battery, double reserve, double rampWPerMinute,
            Double upperW, Double lowerW, int delayMinutes, double pvShare, double pvPeakW, long seed) {
    }

    /**
     * The outcome: peaks (of the 15-minute mean load, as grid peaks are metered), energy moved,
     * cycles, and both load curves (W per minute).
     */
    public record Result(double peakBeforeW, double peakAfterW, double upperW, double lowerW, double dischargedWh,
            double cyclesPerBattery, double[] beforeW, double[] afterW) {

        public double reductionPercent() {
            return 100 * (peakBeforeW - peakAfterW) / peakBeforeW;
        }
    }

    private CommunitySimulation() {
    }

    /** The community's load without batteries, to run several battery setups over the same households. */
    public static double[] load(Setup setup) {
        return new Households(setup.homes(), setup.days(), setup.pvShare(), setup.pvPeakW(), setup.seed()).residualW();
    }

    /**
     * Runs the batteries over the load. Without limits given, discharge begins above 80 % of the
     * peak without batteries (the seed's −20 %) and recharge below the mean load.
     */
    public static Result run(Setup setup, double[] before) {
        double peak = peak(before);
        double upper = setup.upperW() != null ? setup.upperW() : 0.8 * peak;
        double lower = setup.lowerW() != null ? setup.lowerW() : mean(before);
        ShavingSettings settings = new ShavingSettings(upper, lower, setup.reserve(), setup.rampWPerMinute(), upper);
        List<PeakShaver> shavers = new ArrayList<>();
        double[] stored = new double[setup.batteries()];
        for (int i = 0; i < setup.batteries(); i++) {
            shavers.add(new PeakShaver(setup.battery(), settings));
            stored[i] = setup.battery().capacityWh() / 2;
        }
        double step = 1 / 60.0;
        double oneWay = setup.battery().oneWay();
        double[] after = new double[before.length];
        Deque<double[]> told = new ArrayDeque<>();
        double discharged = 0;
        for (int minute = 0; minute < before.length; minute++) {
            double[] signal = told.size() > setup.delayMinutes() ? told.removeFirst() : null;
            double batteries = 0;
            for (int i = 0; i < shavers.size(); i++) {
                double setpoint = signal == null ? 0 : shavers.get(i).next((long) signal[0] * 60_000, signal[1],
                        shavers.size(), stored[i], minute * 60_000L, step);
                stored[i] -= setpoint > 0 ? setpoint * step / oneWay : setpoint * step * oneWay;
                discharged += Math.max(0, setpoint) * step;
                batteries += setpoint;
            }
            after[minute] = before[minute] - batteries;
            told.addLast(new double[] {minute, after[minute]});
        }
        double cycles = setup.batteries() == 0 ? 0 : discharged / setup.batteries() / setup.battery().capacityWh();
        return new Result(peak, peak(after), upper, lower, discharged, cycles, before, after);
    }

    /** The highest 15-minute mean. */
    static double peak(double[] perMinute) {
        double max = Double.NEGATIVE_INFINITY;
        for (int start = 0; start + 15 <= perMinute.length; start += 15) {
            double sum = 0;
            for (int minute = start; minute < start + 15; minute++) {
                sum += perMinute[minute];
            }
            max = Math.max(max, sum / 15);
        }
        return max;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
