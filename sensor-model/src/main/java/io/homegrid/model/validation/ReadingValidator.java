package io.homegrid.model.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.Reading;
import io.homegrid.model.ReplaySeq;
import io.homegrid.model.SensorKind;

/**
 * Checks one pushed reading and converts it to its canonical unit. The first field found wrong
 * is reported; a reading is either wholly valid or refused.
 */
final class ReadingValidator implements ItemValidator<Reading> {

    private static final Set<String> FIELDS = new LinkedHashSet<>(
            Arrays.asList("device", "sensor", "value", "unit", "time", "seq"));
    private static final String KNOWN_KINDS = Arrays.stream(SensorKind.values())
            .map(SensorKind::id).collect(Collectors.joining(", "));

    private final Clock clock;
    private final Limits limits;
    /** The replay whose seqs are allowed besides gateways' own; 0: none. */
    private final long replay;

    ReadingValidator(Clock clock, Limits limits, long replay) {
        this.clock = clock;
        this.limits = limits;
        this.replay = replay;
    }

    @Override
    public Reading validate(JsonNode item) throws FieldException {
        Fields.requireObject(item, "reading");
        Fields.rejectUnknown(item, FIELDS);
        String device = Fields.requireId(item, "device");
        SensorKind kind = sensor(item);
        long seq = seq(item);
        Instant time = time(item);
        String unit = Fields.optionalText(item, "unit");
        if (unit == null) {
            unit = kind.canonicalUnit();
        }
        double value = canonicalValue(item, kind, unit);
        return new Reading(device, kind, value, kind.canonicalUnit(), time, seq);
    }

    private static SensorKind sensor(JsonNode item) throws FieldException {
        String id = Fields.requireText(item, "sensor");
        return SensorKind.byId(id).orElseThrow(() -> new FieldException("sensor",
                "unknown sensor kind '" + Fields.abbreviate(id) + "' (known: " + KNOWN_KINDS + ")"));
    }

    private long seq(JsonNode item) throws FieldException {
        JsonNode seq = Fields.require(item, "seq");
        if (replay > 0 && seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() < 0) {
            if (ReplaySeq.replay(seq.longValue()) != replay) {
                throw new FieldException("seq", "not a seq of replay " + replay);
            }
            return seq.longValue();
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
            throw new FieldException("seq", "must be a non-negative 64-bit integer, was " + Fields.describe(seq));
        }
        return seq.longValue();
    }

    private Instant time(JsonNode item) throws FieldException {
        String text = Fields.requireText(item, "time");
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new FieldException("time", "'" + Fields.abbreviate(text)
                    + "' is not an ISO-8601 time with offset, such as 2026-11-22T01:20:49.123Z");
        }
        Instant now = clock.instant();
        if (time.isAfter(now.plus(limits.maxFutureSkew()))) {
            long ahead = Duration.between(now, time).toSeconds();
            throw new FieldException("time", text + " is " + ahead + " s ahead of the backend's clock (at most "
                    + limits.maxFutureSkew().toSeconds() + " s allowed): is the gateway's clock right?");
        }
        if (time.isBefore(limits.earliest())) {
            throw new FieldException("time", text + " is before " + limits.earliest() + ": is the gateway's clock set?");
        }
        // PostgreSQL keeps microseconds; truncating here makes what is stored equal what was validated.
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    private static double canonicalValue(JsonNode item, SensorKind kind, String unit) throws FieldException {
        JsonNode node = Fields.require(item, "value");
        if (!node.isNumber()) {
            throw new FieldException("value", "must be a number, was " + Fields.describe(node));
        }
        double raw = node.doubleValue();
        if (!Double.isFinite(raw)) {
            throw new FieldException("value", raw + " is not a measurement");
        }
        double value = kind.toCanonical(raw, unit).orElseThrow(() -> new FieldException("unit",
                "'" + Fields.abbreviate(unit) + "' is not a unit of " + kind.id() + " (accepted: "
                        + String.join(", ", kind.acceptedUnits()) + ")"));
        if (value < kind.min() || value > kind.max()) {
            throw new FieldException("value", raw + " " + unit + " is outside what a " + kind.id()
                    + " sensor can report (" + format(kind.min()) + " to " + format(kind.max()) + " "
                    + kind.canonicalUnit() + ")");
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
