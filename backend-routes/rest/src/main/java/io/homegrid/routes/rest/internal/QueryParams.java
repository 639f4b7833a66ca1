package io.homegrid.routes.rest.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.homegrid.model.SensorKind;
import io.homegrid.model.validation.Identifiers;
import io.homegrid.persistence.BucketSize;

/** Parses query and path parameters, refusing bad ones with 400 naming the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    static Instant instant(String value, String name, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not an ISO-8601 time with offset, such as 2026-11-22T01:00:00Z");
        }
    }

    static int boundedInt(String value, String name, int absent, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1 || parsed > max) {
                throw ApiException.badRequest(name, "must be between 1 and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not a whole number");
        }
    }

    static SensorKind sensor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return SensorKind.byId(value).orElseThrow(() -> ApiException.badRequest("sensor", "unknown sensor kind '" + value + "'"));
    }

    static BucketSize bucket(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return BucketSize.byId(value).orElseThrow(() -> ApiException.badRequest("bucket",
                "'" + value + "' is not a bucket size (1m, 15m, 1h, 1d)"));
    }

    /** A replay's id, from {@code ?replay=}. */
    static long replay(String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below, with the field
        }
        throw ApiException.badRequest("replay", "a replay's id, a positive number");
    }

    static String id(String value, String name) {
        if (!Identifiers.isValid(value)) {
            throw ApiException.badRequest(name, "'" + value + "' is not a valid identifier: " + Identifiers.rule());
        }
        return value;
    }
}
