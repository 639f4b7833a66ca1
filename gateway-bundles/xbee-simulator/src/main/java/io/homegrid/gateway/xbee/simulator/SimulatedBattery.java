package io.homegrid.gateway.xbee.simulator;

import java.time.Instant;

import io.homegrid.gateway.xbee.frames.BatteryInterface;

/**
 * A home battery behind its inverter: it follows the setpoint (+ discharge, − charge) within its
 * power limits, and physics holds it between empty and full whatever it is asked. Half of the
 * round-trip loss is counted on the way in, half on the way out.
 */
public final class SimulatedBattery {

    private final double capacityWh;
    private final double maxChargeW;
    private final double maxDischargeW;
    private final double oneWay;
    private double storedWh;
    private int setpointCounts = BatteryInterface.ZERO_WATTS;
    private double powerW;
    private Instant last;

    /** @param soc the state of charge it starts at, 0 to 1 */
    public SimulatedBattery(double capacityWh, double maxChargeW, double maxDischargeW, double efficiency, double soc) {
        this.capacityWh = capacityWh;
        this.maxChargeW = maxChargeW;
        this.maxDischargeW = maxDischargeW;
        this.oneWay = Math.sqrt(efficiency);
        this.storedWh = soc * capacityWh;
    }

    synchronized void setpoint(int counts) {
        setpointCounts = counts;
    }

    synchronized int setpointCounts() {
        return setpointCounts;
    }

    /** The energy flow since the last call at the power in effect then; answers the power now. */
    synchronized double advance(Instant now) {
        if (last != null) {
            double hours = Math.max(0, now.toEpochMilli() - last.toEpochMilli()) / 3_600_000.0;
            if (powerW > 0) {
                double drawn = Math.min(storedWh, powerW * hours / oneWay);
                storedWh -= drawn;
            } else {
                storedWh = Math.min(capacityWh, storedWh - powerW * hours * oneWay);
            }
        }
        last = now;
        double wanted = BatteryInterface.watts(setpointCounts);
        powerW = wanted > 0 ? Math.min(wanted, maxDischargeW) : Math.max(wanted, -maxChargeW);
        if (powerW > 0 && storedWh <= 0 || powerW < 0 && storedWh >= capacityWh) {
            powerW = 0;
        }
        return powerW;
    }

    public synchronized double soc() {
        return storedWh / capacityWh;
    }

    public synchronized double powerW() {
        return powerW;
    }
}
