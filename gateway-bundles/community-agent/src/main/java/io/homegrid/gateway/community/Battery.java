package io.homegrid.gateway.community;

/**
 * A home battery: what it holds and how fast it may charge and discharge. {@code efficiency} is
 * the round trip; half of its loss is counted on the way in, half on the way out.
 */
public record Battery(double capacityWh, double maxChargeW, double maxDischargeW, double efficiency) {

    public Battery {
        if (capacityWh <= 0 || maxChargeW <= 0 || maxDischargeW <= 0 || efficiency <= 0 || efficiency > 1) {
            throw new IllegalArgumentException("a battery needs a capacity, charge and discharge power above 0"
                    + " and an efficiency in (0, 1]");
        }
    }

    /** One-way efficiency: the square root of the round trip. */
    public double oneWay() {
        return Math.sqrt(efficiency);
    }
}
