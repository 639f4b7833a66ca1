package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the fields of a small JSON request body, refusing each wrong one with 400 naming it. */
final class JsonFields {

    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    static JsonFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body", "send a JSON object");
        }
        return new JsonFields(body);
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw ApiException.badRequest(field, "required, as a string");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, "must be a string");
        }
        return node.textValue();
    }

    /** A required number. */
    double number(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(field, "is required");
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest(field, "must be a number");
        }
        return node.doubleValue();
    }

    Double optionalNumber(String path, String field) {
        JsonNode node = body.path(path).get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest(path + "." + field, "must be a number");
        }
        return node.doubleValue();
    }

    /** A list of strings; empty when absent. */
    Set<String> texts(String field) {
        JsonNode node = body.get(field);
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field, "must be a list of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field, "must be a list of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    Duration optionalDuration(String field) {
        String value = optionalText(field);
        try {
            Duration duration = value == null ? null : Duration.parse(value);
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw ApiException.badRequest(field, "must be a positive duration");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "an ISO-8601 duration such as P730D or PT1H");
        }
    }

    Instant optionalInstant(String field) {
        String value = optionalText(field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        }
    }
}
