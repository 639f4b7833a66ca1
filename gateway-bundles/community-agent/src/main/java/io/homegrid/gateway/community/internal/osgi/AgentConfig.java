package io.homegrid.gateway.community.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.gateway.community.AgentSettings;

@ObjectClassDefinition(name = "homegrid community agent",
        description = "Peak shaving at the home: the battery discharges while the community's residual load is above "
                + "its limit and recharges below its lower limit; the household's own limits hold while the backend "
                + "is out of reach.")
@interface AgentConfig {

    @AttributeDefinition(name = "Battery", description = "The battery's device address; empty: the first device of "
            + "type 'battery' the gateway knows.")
    String batteryDevice() default "";

    @AttributeDefinition(name = "Capacity (Wh)", description = "What the battery holds when full.")
    double capacityWh() default AgentSettings.DEFAULT_CAPACITY_WH;

    @AttributeDefinition(name = "Maximum charge power (W)", description = "The most the battery takes.")
    double maxChargeW() default AgentSettings.DEFAULT_MAX_CHARGE_W;

    @AttributeDefinition(name = "Maximum discharge power (W)", description = "The most the battery gives.")
    double maxDischargeW() default AgentSettings.DEFAULT_MAX_DISCHARGE_W;

    @AttributeDefinition(name = "Round-trip efficiency", description = "0 to 1.")
    double efficiency() default AgentSettings.DEFAULT_EFFICIENCY;

    @AttributeDefinition(name = "Reserve", description = "The share of the capacity kept for the home, 0 to below 1.")
    double reserve() default AgentSettings.DEFAULT_RESERVE;

    @AttributeDefinition(name = "Ramp (W per step)", description = "How far the setpoint moves from one step to the next.")
    double rampWPerStep() default AgentSettings.DEFAULT_RAMP_W_PER_STEP;

    @AttributeDefinition(name = "Own limit (W)", description = "The household's net load above which the battery "
            + "discharges while no community signal comes.")
    double ownLimitW() default AgentSettings.DEFAULT_OWN_LIMIT_W;

    @AttributeDefinition(name = "Own lower limit (W)", description = "… and below which it recharges.")
    double ownLowerLimitW() default AgentSettings.DEFAULT_OWN_LOWER_LIMIT_W;

    @AttributeDefinition(name = "Step (ms)", description = "How often the battery's power is decided.")
    long stepMillis() default 2_000;

    @AttributeDefinition(name = "Signal timeout (s)", description = "How long a community signal counts.")
    long signalTimeoutSeconds() default 30;
}
