package io.homegrid.gateway.community;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The household's battery controller (the P2P community seed's rule, decided at the home): from
 * the community's residual load it sets its battery's power, + discharge, − charge.
 *
 * <p>The signal includes what the batteries already do, and it arrives late. Reacting to it as it
 * is would make every battery stop once the peak is shaved, let the peak back, and start again:
 * an oscillation. So the controller estimates the load without the batteries: the signal plus the
 * setpoint this battery had when the signal was measured, times the community's batteries (which
 * follow the same rule). It shares the excess over the limit evenly among the batteries, and moves
 * its setpoint by at most the ramp limit per step. The state of charge is the battery's own.
 */
public final class PeakShaver {

    /** Signals later than this are not told apart from the oldest setpoint kept. */
    private static final long HISTORY_MILLIS = 3_600_000;

    private final Battery battery;
    private final ShavingSettings settings;
    /** Setpoints by the time they took effect (ms), to know the one in effect when a late signal was measured. */
    private final NavigableMap<Long, Double> history = new TreeMap<>();
    private double setpointW;

    public PeakShaver(Battery battery, ShavingSettings settings) {
        this.battery = battery;
        this.settings = settings;
    }

    /**
     * The next setpoint, in effect from {@code nowMillis}.
     *
     * @param measuredAtMillis when the residual load was measured (it arrives later)
     * @param residualW        the community's residual load then, batteries included
     * @param batteries        the batteries in the community that follow this rule (at least this one)
     * @param storedWh         what this battery holds now
     * @param stepHours        how long the setpoint will hold
     */
    public double next(long measuredAtMillis, double residualW, int batteries, double storedWh, long nowMillis,
            double stepHours) {
        return next(measuredAtMillis, residualW, batteries, settings.upperW(), settings.lowerW(), storedWh, nowMillis,
                stepHours);
    }

    /**
     * The same, with the community's limits as its signal carries them.
     *
     * @param upperW discharge above this residual load
     * @param lowerW recharge below this one
     */
    public double next(long measuredAtMillis, double residualW, int batteries, double upperW, double lowerW,
            double storedWh, long nowMillis, double stepHours) {
        Map.Entry<Long, Double> then = history.floorEntry(measuredAtMillis);
        double withoutBatteries = residualW + (then == null ? 0 : then.getValue()) * Math.max(1, batteries);
        double next = apply(withoutBatteries, Math.max(1, batteries), upperW, lowerW, storedWh, stepHours);
        history.put(nowMillis, next);
        history.headMap(measuredAtMillis - HISTORY_MILLIS).clear();
        return next;
    }

    /** The next setpoint while the community's signal is missing: the household's own net load against its own limit. */
    public double fallback(double householdNetW, double storedWh, long nowMillis, double stepHours) {
        double next = apply(householdNetW + setpointW, 1, settings.fallbackUpperW(), settings.lowerW(), storedWh,
                stepHours);
        history.put(nowMillis, next);
        return next;
    }

    /**
     * A setpoint asked from outside (the household, through the backend), held as asked but within
     * the state of charge's bounds; the ramp does not apply to it, and the next decision ramps on
     * from it.
     */
    public double hold(double wantedW, double storedWh, long nowMillis, double stepHours) {
        setpointW = withinCharge(Math.max(-battery.maxChargeW(), Math.min(battery.maxDischargeW(), wantedW)), storedWh,
                stepHours);
        history.put(nowMillis, setpointW);
        return setpointW;
    }

    public double setpointW() {
        return setpointW;
    }

    private double apply(double loadW, int batteries, double upperW, double lowerW, double storedWh, double stepHours) {
        double target;
        if (loadW > upperW) {
            target = Math.min((loadW - upperW) / batteries, battery.maxDischargeW());
        } else if (loadW < lowerW) {
            target = -Math.min((lowerW - loadW) / batteries, battery.maxChargeW());
        } else {
            target = 0; // between the limits: the band that keeps discharge and recharge apart
        }
        target = Math.max(setpointW - settings.rampWPerStep(), Math.min(setpointW + settings.rampWPerStep(), target));
        setpointW = withinCharge(target, storedWh, stepHours);
        return setpointW;
    }

    /** No discharge into the reserve, no charge past full, over the coming step. */
    private double withinCharge(double targetW, double storedWh, double stepHours) {
        if (targetW > 0) {
            double available = Math.max(0, storedWh - settings.reserve() * battery.capacityWh());
            return Math.min(targetW, available * battery.oneWay() / stepHours);
        }
        double room = Math.max(0, battery.capacityWh() - storedWh);
        return Math.max(targetW, -room / battery.oneWay() / stepHours);
    }
}
