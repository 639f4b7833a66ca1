package io.homegrid.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.homegrid.model.SensorKind;
import io.homegrid.model.json.Json;
import io.homegrid.model.validation.BatchReader;
import io.homegrid.model.validation.BatchRejectedException;
import io.homegrid.model.validation.CheckedBatch;
import io.homegrid.model.validation.Limits;

/** The published JSON Schemas and the Java validation must agree, or gateway developers are misled. */
class SchemaAgreementTest {

    private static final String BASE = "https://homegrid.io/schema/v1/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schema/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final BatchReader<?> readings = BatchReader.readings(
            Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC), Limits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"gateway\":\"gw-0042\",\"readings\":[{\"device\":\"0013A20040A1B2C3\",\"sensor\":\"power\",\"value\":87.5,\"unit\":\"W\",\"time\":\"2026-11-22T01:20:49.123Z\",\"seq\":918273}]}",
            "{\"readings\":[{\"device\":\"d\",\"sensor\":\"temperature\",\"value\":70,\"unit\":\"°F\",\"time\":\"2026-11-22T01:20:49+01:00\",\"seq\":0}]}",
            "{\"readings\":[{\"device\":\"d\",\"sensor\":\"relay\",\"value\":1,\"time\":\"2026-11-22T01:20:49Z\",\"seq\":5}]}"})
    void validBatchesPassBoth(String body) throws Exception {
        assertThat(schemaErrors("reading-batch", body)).isEmpty();
        assertThat(check(body).rejected()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:20:49Z\",\"seq\":1,\"extra\":true}",
            "{\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:20:49Z\",\"seq\":1}",
            "{\"device\":\"d\",\"sensor\":\"power\",\"value\":\"1\",\"time\":\"2026-11-22T01:20:49Z\",\"seq\":1}",
            "{\"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"unit\":\"A\",\"time\":\"2026-11-22T01:20:49Z\",\"seq\":1}",
            "{\"device\":\"d\",\"sensor\":\"wind\",\"value\":1,\"time\":\"2026-11-22T01:20:49Z\",\"seq\":1}",
            "{\"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"yesterday\",\"seq\":1}",
            "{\"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:20:49Z\",\"seq\":-3}",
            "{\"device\":\"a b\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:20:49Z\",\"seq\":1}"})
    void structurallyBadReadingsFailBoth(String reading) throws Exception {
        String body = "{\"readings\":[" + reading + "]}";

        assertThat(schemaErrors("reading-batch", body)).isNotEmpty();
        assertThat(check(body).rejected()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(SensorKind.class)
    void schemaListsExactlyTheUnitsTheCodeConverts(SensorKind kind) throws Exception {
        JsonNode schema = Json.mapper().readTree(getClass().getResourceAsStream("/schema/reading.schema.json"));
        List<String> units = new ArrayList<>();
        for (JsonNode branch : schema.get("allOf")) {
            if (branch.at("/if/properties/sensor/const").asText().equals(kind.id())) {
                branch.at("/then/properties/unit/enum").forEach(unit -> units.add(unit.asText()));
            }
        }
        assertThat(units).containsExactlyElementsOf(kind.acceptedUnits());
        assertThat(units.get(0)).isEqualTo(kind.canonicalUnit());
    }

    @Test
    void deviceBatchExampleIsValid() {
        assertThat(schemaErrors("device-batch", """
                {"gateway":"gw-1","devices":[{"device":"0013A20040A1B2C3","type":"smart-plug","name":"Fridge",
                "sensors":[{"sensor":"power","unit":"W"}],"relay":true,"state":"joined"}]}""")).isEmpty();
    }

    private List<String> schemaErrors(String schemaName, String document) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + schemaName + ".schema.json"), CONFIG);
        List<String> errors = new ArrayList<>();
        schema.validate(document, com.networknt.schema.InputFormat.JSON).forEach(m -> errors.add(m.getMessage()));
        return errors;
    }

    private CheckedBatch<?> check(String body) throws BatchRejectedException {
        return readings.read("gw-0042", body.getBytes(StandardCharsets.UTF_8));
    }
}
