package io.homegrid.model.validation;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed fields from a JSON tree, turning every way a field can be wrong into a {@link FieldException}. */
final class Fields {

    private Fields() {
    }

    static void requireObject(JsonNode node, String what) throws FieldException {
        if (node == null || !node.isObject()) {
            throw new FieldException(what, "must be a JSON object");
        }
    }

    static void rejectUnknown(JsonNode node, Set<String> known) throws FieldException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new FieldException(name, "unknown field (expected one of " + String.join(", ", known) + ")");
            }
        }
    }

    static JsonNode require(JsonNode node, String field) throws FieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new FieldException(field, "missing");
        }
        return value;
    }

    static String requireText(JsonNode node, String field) throws FieldException {
        JsonNode value = require(node, field);
        if (!value.isTextual()) {
            throw new FieldException(field, "must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    static String optionalText(JsonNode node, String field) throws FieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new FieldException(field, "must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    static String requireId(JsonNode node, String field) throws FieldException {
        String id = requireText(node, field);
        if (!Identifiers.isValid(id)) {
            throw new FieldException(field, "'" + abbreviate(id) + "' is not a valid identifier: " + Identifiers.rule());
        }
        return id;
    }

    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(value.textValue()) + "\"";
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> "the boolean " + value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
