package io.homegrid.gateway.community;

import java.time.Duration;

import io.homegrid.model.DeviceDescription;

/**
 * The community agent's settings, each default here once.
 *
 * @param batteryDevice the battery's device address; blank: the first device of type
 *                      {@value #BATTERY_TYPE} the gateway knows
 * @param battery       the battery's capacity, power limits and efficiency
 * @param shaving       the reserve, the ramp limit, and the household's own limits, which hold
 *                      while no community signal comes (the community's come with its signals)
 * @param step          how often the setpoint is decided
 * @param signalTimeout how long a community signal counts: after that the household's own limits hold
 */
public record AgentSettings(String batteryDevice, Battery battery, ShavingSettings shaving, Duration step,
        Duration signalTimeout) {

    public static final String BATTERY_TYPE = DeviceDescription.BATTERY_TYPE;
    public static final double DEFAULT_CAPACITY_WH = 10_000;
    public static final double DEFAULT_MAX_CHARGE_W = 5_000;
    public static final double DEFAULT_MAX_DISCHARGE_W = 5_000;
    public static final double DEFAULT_EFFICIENCY = 0.9;
    public static final double DEFAULT_RESERVE = 0.2;
    public static final double DEFAULT_RAMP_W_PER_STEP = 500;
    public static final double DEFAULT_OWN_LIMIT_W = 7_000;
    public static final double DEFAULT_OWN_LOWER_LIMIT_W = 500;
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SIGNAL_TIMEOUT = Duration.ofSeconds(30);

    public static final AgentSettings DEFAULT = new AgentSettings("", new Battery(DEFAULT_CAPACITY_WH,
            DEFAULT_MAX_CHARGE_W, DEFAULT_MAX_DISCHARGE_W, DEFAULT_EFFICIENCY), new ShavingSettings(DEFAULT_OWN_LIMIT_W,
            DEFAULT_OWN_LOWER_LIMIT_W, DEFAULT_RESERVE, DEFAULT_RAMP_W_PER_STEP, DEFAULT_OWN_LIMIT_W), DEFAULT_STEP,
            DEFAULT_SIGNAL_TIMEOUT);

    public AgentSettings {
        if (step.isNegative() || step.isZero() || signalTimeout.compareTo(step) < 0) {
            throw new IllegalArgumentException("a step above 0 and a signal timeout of at least one step");
        }
    }

    public AgentSettings withBattery(String device, Battery newBattery) {
        return new AgentSettings(device, newBattery, shaving, step, signalTimeout);
    }

    public AgentSettings withStep(Duration newStep) {
        return new AgentSettings(batteryDevice, battery, shaving, newStep, signalTimeout);
    }
}
