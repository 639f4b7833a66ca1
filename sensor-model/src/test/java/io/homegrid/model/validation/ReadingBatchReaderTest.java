package io.homegrid.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.homegrid.model.Reading;
import io.homegrid.model.SensorKind;
import io.homegrid.model.Violation;

class ReadingBatchReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T01:20:49.123Z");
    private final BatchReader<Reading> reader = BatchReader.readings(Clock.fixed(NOW, ZoneOffset.UTC),
            Limits.DEFAULT.withMaxBatchSize(3));

    @Test
    void acceptsTheWireFormatExampleUnchanged() throws Exception {
        CheckedBatch<Reading> batch = read("gw-0042", """
                {"gateway":"gw-0042","readings":[
                  {"device":"0013A20040A1B2C3","sensor":"power","value":87.5,"unit":"W",
                   "time":"2026-11-22T01:20:49.123Z","seq":918273}]}""");

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.accepted()).containsExactly(new Reading("0013A20040A1B2C3", SensorKind.POWER, 87.5, "W",
                Instant.parse("2026-11-22T01:20:49.123Z"), 918273));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            "power, 1.5, kW, 1500, W",
            "power, 250, mW, 0.25, W",
            "current, 500, mA, 0.5, A",
            "temperature, 212, °F, 100, °C",
            "temperature, 293.15, K, 20, °C",
            "energy, 2, kWh, 2000, Wh",
            "pressure, 101325, Pa, 1013.25, hPa",
            "relay, 1, 0/1, 1, 0/1"})
    void normalisesUnitsToCanonical(String sensor, double value, String unit, double expected, String canonical)
            throws Exception {
        CheckedBatch<Reading> batch = read("gw", single(sensor, Double.toString(value), "\"" + unit + "\""));

        assertThat(batch.rejected()).isEmpty();
        Reading reading = batch.accepted().get(0);
        assertThat(reading.value()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(reading.unit()).isEqualTo(canonical);
    }

    @Test
    void missingUnitMeansTheCanonicalOne() throws Exception {
        CheckedBatch<Reading> batch = read("gw", """
                {"readings":[{"device":"d1","sensor":"light","value":300,"time":"2026-11-22T01:00:00Z","seq":1}]}""");

        assertThat(batch.accepted()).singleElement().extracting(Reading::unit).isEqualTo("lx");
    }

    @Test
    void offsetTimesAreConvertedToUtcAndKeptToTheMicrosecond() throws Exception {
        CheckedBatch<Reading> batch = read("gw", """
                {"readings":[{"device":"d1","sensor":"power","value":1,"time":"2026-11-22T02:00:00.123456789+01:00","seq":1}]}""");

        assertThat(batch.accepted().get(0).time()).isEqualTo(Instant.parse("2026-11-22T01:00:00.123456Z"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "device missing        | \"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1                      | device | missing",
            "device bad            | \"device\":\"a b\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1   | device | not a valid identifier",
            "unknown field         | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1,\"x\":2 | x | unknown field",
            "value as string       | \"device\":\"d\",\"sensor\":\"power\",\"value\":\"87\",\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1 | value | must be a number",
            "value NaN             | \"device\":\"d\",\"sensor\":\"power\",\"value\":NaN,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1    | value | NaN is not a measurement",
            "value infinite        | \"device\":\"d\",\"sensor\":\"power\",\"value\":1e999,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1  | value | Infinity is not a measurement",
            "negative power        | \"device\":\"d\",\"sensor\":\"power\",\"value\":-5,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1     | value | outside what a power sensor can report",
            "10 MW from a plug     | \"device\":\"d\",\"sensor\":\"power\",\"value\":10,\"unit\":\"MW\",\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1 | unit | not a unit of power",
            "10 MW in W            | \"device\":\"d\",\"sensor\":\"power\",\"value\":1e7,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1    | value | outside what a power sensor can report",
            "humidity over 100     | \"device\":\"d\",\"sensor\":\"humidity\",\"value\":101,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1 | value | outside",
            "below absolute zero   | \"device\":\"d\",\"sensor\":\"temperature\",\"value\":-1,\"unit\":\"K\",\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1 | value | outside",
            "relay 2               | \"device\":\"d\",\"sensor\":\"relay\",\"value\":2,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1       | value | outside",
            "unknown sensor        | \"device\":\"d\",\"sensor\":\"radiation\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1  | sensor | unknown sensor kind 'radiation'",
            "unknown unit          | \"device\":\"d\",\"sensor\":\"current\",\"value\":1,\"unit\":\"W\",\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1 | unit | 'W' is not a unit of current",
            "time in future        | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:30:00Z\",\"seq\":1     | time | ahead of the backend's clock",
            "time not ISO          | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"22/11/2026 01:00\",\"seq\":1       | time | not an ISO-8601 time",
            "time epoch number     | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":1763774449,\"seq\":1                 | time | must be a string",
            "clock not set         | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"1970-01-01T00:00:10Z\",\"seq\":1     | time | is the gateway's clock set",
            "seq negative          | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":-1      | seq | non-negative",
            "seq fractional        | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":1.5     | seq | non-negative 64-bit integer",
            "seq too big           | \"device\":\"d\",\"sensor\":\"power\",\"value\":1,\"time\":\"2026-11-22T01:00:00Z\",\"seq\":99999999999999999999 | seq | 64-bit"})
    void refusesABadReadingNamingFieldAndReasonAndKeepsItsNeighbours(String name, String fields, String field,
            String reason) throws Exception {
        CheckedBatch<Reading> batch = read("gw", "{\"readings\":[" + validReading(1) + ",{" + fields + "},"
                + validReading(3) + "]}");

        assertThat(batch.accepted()).extracting(Reading::seq).containsExactly(1L, 3L);
        assertThat(batch.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.violation().index()).isEqualTo(1);
            assertThat(rejected.violation().field()).isEqualTo(field);
            assertThat(rejected.violation().reason()).contains(reason);
        });
    }

    @Test
    void aReadingThatIsNotAnObjectIsRefusedAlone() throws Exception {
        CheckedBatch<Reading> batch = read("gw", "{\"readings\":[42," + validReading(2) + "]}");

        assertThat(batch.accepted()).hasSize(1);
        assertThat(batch.violations()).containsExactly(new Violation(0, "reading", "must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON           | gw  | {\"readings\":[              | 400 | body     | not valid JSON",
            "JSON but no object | gw  | [1,2]                        | 400 | body     | must be a JSON object",
            "unknown top field  | gw  | {\"readings\":[],\"extra\":1}  | 400 | extra    | unknown field",
            "no readings        | gw  | {\"gateway\":\"gw\"}           | 400 | readings | missing",
            "readings not array | gw  | {\"readings\":{}}              | 400 | readings | must be an array",
            "empty batch        | gw  | {\"readings\":[]}              | 400 | readings | empty batch",
            "gateway mismatch   | gw  | {\"gateway\":\"other\",\"readings\":[1]} | 400 | gateway | does not match the gateway in the path, 'gw'",
            "bad path gateway   | g/w | {\"readings\":[1]}             | 400 | gatewayId | not a valid gateway identifier",
            "over the limit     | gw  | {\"readings\":[1,2,3,4]}       | 413 | readings | batch of 4 exceeds the limit of 3"})
    void refusesABadEnvelopeWhole(String name, String gateway, String body, int status, String field, String reason) {
        assertThatThrownBy(() -> read(gateway, body))
                .isInstanceOfSatisfying(BatchRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.violation().field()).isEqualTo(field);
                    assertThat(e.violation().reason()).contains(reason);
                });
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> reader.read("gw", new byte[0]))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.violation()).isEqualTo(Violation.ofBatch("body", "empty body: expected a JSON object")));
    }

    private CheckedBatch<Reading> read(String gateway, String body) throws BatchRejectedException {
        return reader.read(gateway, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String single(String sensor, String value, String unit) {
        return "{\"readings\":[{\"device\":\"d1\",\"sensor\":\"" + sensor + "\",\"value\":" + value + ",\"unit\":" + unit
                + ",\"time\":\"2026-11-22T01:00:00Z\",\"seq\":7}]}";
    }

    private static String validReading(long seq) {
        return "{\"device\":\"d1\",\"sensor\":\"power\",\"value\":10,\"unit\":\"W\",\"time\":\"2026-11-22T01:00:00Z\",\"seq\":"
                + seq + "}";
    }
}
