package io.homegrid.routes.parser.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.homegrid.model.InvalidReading;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.Violation;
import io.homegrid.model.validation.BatchReader;
import io.homegrid.model.validation.BatchRejectedException;
import io.homegrid.model.validation.CheckedBatch;
import io.homegrid.model.validation.Limits;
import io.homegrid.model.validation.Rejected;

/**
 * The Sensor Data Parser's logic: validates a raw batch and normalises its readings to canonical
 * units. Never throws for bad input: whatever cannot be used becomes an {@link InvalidReading}
 * with the reason, so a bad message never blocks the queue.
 */
public final class SensorDataParser {

    static final String UNKNOWN_GATEWAY = "unknown";
    private static final Logger LOG = LoggerFactory.getLogger(SensorDataParser.class);
    private static final int MAX_KEPT_BODY = 4_096;

    private final BatchReader<Reading> reader;
    private final Clock clock;
    private final Limits limits;

    public SensorDataParser(Clock clock, Limits limits) {
        this.reader = BatchReader.readings(clock, limits);
        this.clock = clock;
        this.limits = limits;
    }

    public ParseOutcome parse(String gateway, String body) {
        return parse(gateway, body, reader);
    }

    /** A batch Replay Control sent: the readings may carry that replay's seqs. */
    public ParseOutcome parseReplayed(String gateway, String body, long replay) {
        return parse(gateway, body, BatchReader.replayedReadings(clock, limits, replay));
    }

    private ParseOutcome parse(String gateway, String body, BatchReader<Reading> reader) {
        Instant now = clock.instant();
        if (gateway == null) {
            return whole(UNKNOWN_GATEWAY, body, Violation.ofBatch("gateway", "message has no gateway property"), now);
        }
        CheckedBatch<Reading> batch;
        try {
            batch = reader.read(gateway, body);
        } catch (BatchRejectedException e) {
            return whole(gateway, body, e.violation(), now);
        }
        List<InvalidReading> invalid = new ArrayList<>(batch.rejected().size());
        for (Rejected rejected : batch.rejected()) {
            invalid.add(invalidReading(gateway, rejected, now));
        }
        if (!invalid.isEmpty()) {
            LOG.info("[{}] refused {} of {} reading(s), first: {} {}", gateway, invalid.size(), batch.size(),
                    invalid.get(0).field(), invalid.get(0).reason());
        }
        ReadingBatch valid = batch.accepted().isEmpty() ? null : new ReadingBatch(gateway, batch.accepted());
        return new ParseOutcome(valid, invalid);
    }

    private static ParseOutcome whole(String gateway, String body, Violation violation, Instant now) {
        LOG.warn("[{}] refused a whole message: {} {}", gateway, violation.field(), violation.reason());
        String kept = body.length() <= MAX_KEPT_BODY ? body : body.substring(0, MAX_KEPT_BODY) + "…";
        return new ParseOutcome(null, List.of(new InvalidReading(gateway, null, null, null, violation.field(),
                violation.reason(), TextNode.valueOf(kept), now)));
    }

    private static InvalidReading invalidReading(String gateway, Rejected rejected, Instant now) {
        JsonNode item = rejected.item();
        String device = item.path("device").isTextual() ? item.path("device").textValue() : null;
        Long seq = item.path("seq").canConvertToLong() && item.path("seq").isIntegralNumber()
                ? item.path("seq").longValue() : null;
        Violation violation = rejected.violation();
        return new InvalidReading(gateway, violation.index(), device, seq, violation.field(), violation.reason(), item,
                now);
    }
}
