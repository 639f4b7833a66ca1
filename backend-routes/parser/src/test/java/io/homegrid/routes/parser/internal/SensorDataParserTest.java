package io.homegrid.routes.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.homegrid.model.InvalidReading;
import io.homegrid.model.Reading;
import io.homegrid.model.ReplaySeq;
import io.homegrid.model.SensorKind;
import io.homegrid.model.validation.Limits;

class SensorDataParserTest {

    private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SensorDataParser parser = new SensorDataParser(clock, Limits.DEFAULT);

    @Test
    void splitsABatchIntoCanonicalValidReadingsAndReasonedRefusals() {
        ParseOutcome outcome = parser.parse("gw-1", """
                {"gateway":"gw-1","readings":[
                  {"device":"d1","sensor":"power","value":1.5,"unit":"kW","time":"2026-11-22T00:59:00Z","seq":1},
                  {"device":"d2","sensor":"power","value":-3,"unit":"W","time":"2026-11-22T00:59:00Z","seq":2}]}""");

        assertThat(outcome.valid().gateway()).isEqualTo("gw-1");
        assertThat(outcome.valid().readings()).containsExactly(
                new Reading("d1", SensorKind.POWER, 1500, "W", Instant.parse("2026-11-22T00:59:00Z"), 1));
        assertThat(outcome.invalid()).singleElement().satisfies(invalid -> {
            assertThat(invalid.gateway()).isEqualTo("gw-1");
            assertThat(invalid.index()).isEqualTo(1);
            assertThat(invalid.device()).isEqualTo("d2");
            assertThat(invalid.seq()).isEqualTo(2L);
            assertThat(invalid.field()).isEqualTo("value");
            assertThat(invalid.reading().path("value").asInt()).isEqualTo(-3);
            assertThat(invalid.received()).isEqualTo(NOW);
        });
    }

    /** Negative seqs are Replay Control's: a push may not use them, and a replay only its own. */
    @Test
    void replayedSeqsPassOnlyForTheirOwnReplay() {
        long ofSeven = ReplaySeq.of(7, false, 0);
        long ofEight = ReplaySeq.of(8, false, 0);
        String body = "{\"gateway\":\"gw-1\",\"readings\":["
                + "{\"device\":\"d1\",\"sensor\":\"power\",\"value\":5,\"time\":\"2026-11-22T00:59:00Z\",\"seq\":" + ofSeven + "},"
                + "{\"device\":\"d1\",\"sensor\":\"power\",\"value\":6,\"time\":\"2026-11-22T00:59:01Z\",\"seq\":" + ofEight + "},"
                + "{\"device\":\"d1\",\"sensor\":\"power\",\"value\":7,\"time\":\"2026-11-22T00:59:02Z\",\"seq\":3}]}";

        ParseOutcome pushed = parser.parse("gw-1", body);
        ParseOutcome replayed = parser.parseReplayed("gw-1", body, 7);

        assertThat(pushed.valid().readings()).extracting(Reading::seq).containsExactly(3L);
        assertThat(pushed.invalid()).extracting(InvalidReading::field).containsExactly("seq", "seq");
        assertThat(replayed.valid().readings()).extracting(Reading::seq).containsExactly(ofSeven, 3L);
        assertThat(replayed.invalid()).singleElement().satisfies(invalid -> assertThat(invalid.reason())
                .isEqualTo("not a seq of replay 7"));
    }

    @Test
    void aMessageThatIsNotJsonBecomesOneRefusalKeepingTheText() {
        ParseOutcome outcome = parser.parse("gw-1", "<xml/>");

        assertThat(outcome.valid()).isNull();
        assertThat(outcome.invalid()).singleElement().satisfies(invalid -> {
            assertThat(invalid.index()).isNull();
            assertThat(invalid.field()).isEqualTo("body");
            assertThat(invalid.reason()).startsWith("not valid JSON");
            assertThat(invalid.reading().textValue()).isEqualTo("<xml/>");
        });
    }

    @Test
    void aMessageWithoutGatewayIsRefusedUnderUnknown() {
        InvalidReading invalid = parser.parse(null, "{}").invalid().get(0);

        assertThat(invalid.gateway()).isEqualTo(SensorDataParser.UNKNOWN_GATEWAY);
        assertThat(invalid.field()).isEqualTo("gateway");
    }
}
