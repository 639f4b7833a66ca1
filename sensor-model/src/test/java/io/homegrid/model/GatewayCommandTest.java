package io.homegrid.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.homegrid.model.json.Json;

class GatewayCommandTest {

    @Test
    void eachKindTravelsAsItselfAndACommandWithoutKindIsARelaySwitch() throws Exception {
        for (GatewayCommand command : new GatewayCommand[] {new RelayCommand("1", "0013A20041000001", true),
                new DiscoveryCommand("2", 5), new ConfigurationCommand("3", Map.of("intervalMillis", "500"))}) {
            String json = Json.mapper().writeValueAsString(command);
            assertThat(Json.mapper().readValue(json, GatewayCommand.class)).isEqualTo(command);
        }
        assertThat(Json.mapper().writeValueAsString(new DiscoveryCommand("2", 5))).contains("\"kind\":\"discover\"");
        assertThat(Json.mapper().readValue("{\"id\":\"4\",\"device\":\"0013A20041000001\",\"on\":false}",
                GatewayCommand.class)).isEqualTo(new RelayCommand("4", "0013A20041000001", false));
    }

    @Test
    void settingsAreCheckedByNameAndRange() {
        assertThat(GatewaySettingRules.refusal("intervalMillis", "500")).isEmpty();
        assertThat(GatewaySettingRules.refusal("intervalMillis", "5")).contains("must be from 100 to 3600000, not 5");
        assertThat(GatewaySettingRules.refusal("batchSize", "many")).contains("must be a whole number, not 'many'");
        assertThat(GatewaySettingRules.refusal("smart-plug.AD1.factor", "3.58")).isEmpty();
        assertThat(GatewaySettingRules.refusal("smart-plug.AD1.factor", "NaN")).contains("must be a finite number");
        assertThat(GatewaySettingRules.refusal("secret", "x")).get().asString().startsWith("is no gateway setting");
    }
}
