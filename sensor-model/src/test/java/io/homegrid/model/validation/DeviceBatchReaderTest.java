package io.homegrid.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.SensorDescription;
import io.homegrid.model.SensorKind;

class DeviceBatchReaderTest {

    private final BatchReader<DeviceDescription> reader = BatchReader.devices(Limits.DEFAULT);

    @Test
    void acceptsTheWireFormatExampleWithCanonicalSensorUnits() throws Exception {
        CheckedBatch<DeviceDescription> batch = read("""
                {"gateway":"gw-1","devices":[{"device":"0013A20040A1B2C3","type":"smart-plug","name":"Fridge",
                  "sensors":[{"sensor":"power","unit":"kW"},{"sensor":"temperature"}],"relay":true,"state":"joined"}]}""");

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.accepted()).containsExactly(new DeviceDescription("0013A20040A1B2C3", "smart-plug", "Fridge",
                List.of(new SensorDescription(SensorKind.POWER, "W"), new SensorDescription(SensorKind.TEMPERATURE, "°C")),
                true, DeviceState.JOINED));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "state unknown  | \"device\":\"d\",\"type\":\"plug\",\"state\":\"gone\"                 | state | not a device state",
            "type missing   | \"device\":\"d\",\"state\":\"left\"                                  | type | missing",
            "relay string   | \"device\":\"d\",\"type\":\"plug\",\"relay\":\"yes\",\"state\":\"left\"  | relay | must be true or false",
            "bad sensor     | \"device\":\"d\",\"type\":\"plug\",\"sensors\":[{\"sensor\":\"x\"}],\"state\":\"left\" | sensors[0].sensor | unknown sensor kind",
            "bad unit       | \"device\":\"d\",\"type\":\"plug\",\"sensors\":[{\"sensor\":\"power\",\"unit\":\"V\"}],\"state\":\"left\" | sensors[0].unit | not a unit of power",
            "blank name     | \"device\":\"d\",\"type\":\"plug\",\"name\":\" \",\"state\":\"left\"      | name | not blank"})
    void refusesABadDescriptionAndKeepsTheOthers(String name, String fields, String field, String reason) throws Exception {
        CheckedBatch<DeviceDescription> batch = read("{\"devices\":[{" + fields
                + "},{\"device\":\"ok\",\"type\":\"plug\",\"state\":\"left\"}]}");

        assertThat(batch.accepted()).extracting(DeviceDescription::device).containsExactly("ok");
        assertThat(batch.violations()).singleElement().satisfies(v -> {
            assertThat(v.index()).isZero();
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.reason()).contains(reason);
        });
    }

    private CheckedBatch<DeviceDescription> read(String body) throws BatchRejectedException {
        return reader.read("gw-1", body.getBytes(StandardCharsets.UTF_8));
    }
}
