package io.homegrid.gateway.xbee.frames;

/**
 * How a battery inverter hangs on its XBee node: it reports its power on AD1 at 10 W a count
 * around count 512 (0 W; above: discharging) and its state of charge on AD2 (full scale 100 %),
 * and takes its power setpoint on the same scale as the PWM0 level, set with the {@code M0}
 * command. The node and the gateway's connector both speak it.
 */
public final class BatteryInterface {

    /** The AT command that sets (with a parameter) or reads the setpoint. */
    public static final String SETPOINT_COMMAND = "M0";
    public static final double WATTS_PER_COUNT = 10;
    public static final int ZERO_WATTS = 512;
    private static final int MAX_COUNT = 1023;

    private BatteryInterface() {
    }

    /** The count for a power, rounded and held within the 10-bit range (−5,120 W to +5,110 W). */
    public static int counts(double watts) {
        return (int) Math.max(0, Math.min(MAX_COUNT, Math.round(watts / WATTS_PER_COUNT) + ZERO_WATTS));
    }

    public static double watts(int counts) {
        return (counts - ZERO_WATTS) * WATTS_PER_COUNT;
    }

    /** The setpoint as the {@code M0} parameter carries it: two bytes, big-endian. */
    public static byte[] parameter(int counts) {
        return new byte[] {(byte) (counts >> 8), (byte) counts};
    }

    public static int counts(byte[] parameter) {
        return parameter.length == 1 ? parameter[0] & 0xFF : ((parameter[0] & 0xFF) << 8) | (parameter[1] & 0xFF);
    }
}
