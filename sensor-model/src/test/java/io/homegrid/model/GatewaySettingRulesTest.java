package io.homegrid.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 17, item 8: the household battery's settings the backend may change, and what each may be. */
class GatewaySettingRulesTest {

    @Test
    void aBatteryWithANegativeOrNoCapacityIsRefused() {
        assertThat(GatewaySettingRules.refusal("battery.capacityWh", "-5000"))
                .hasValue("must be above 0.0 and at most 1000000.0 Wh, not -5000.0 Wh");
        assertThat(GatewaySettingRules.refusal("battery.capacityWh", "0")).isPresent();
        assertThat(GatewaySettingRules.refusal("battery.capacityWh", "lots")).hasValue("must be a number, not 'lots'");
        assertThat(GatewaySettingRules.refusal("battery.capacityWh", "13500")).isEmpty();
    }

    @Test
    void powersEfficiencyAndReserveStayWithinWhatABatteryCanBe() {
        assertThat(GatewaySettingRules.refusal("battery.maxDischargeW", "-1")).isPresent();
        assertThat(GatewaySettingRules.refusal("battery.maxChargeW", "5000")).isEmpty();
        assertThat(GatewaySettingRules.refusal("battery.efficiency", "1.2")).isPresent();
        assertThat(GatewaySettingRules.refusal("battery.efficiency", "0.92")).isEmpty();
        assertThat(GatewaySettingRules.refusal("battery.reserve", "1.0")).isPresent();
        assertThat(GatewaySettingRules.refusal("battery.reserve", "0")).isEmpty();
        assertThat(GatewaySettingRules.refusal("battery.colour", "red")).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("is no gateway setting").contains("battery.capacityWh"));
    }
}
