package io.homegrid.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.Violation;

/** One refused item of a batch: the item as it was sent, and why it was refused (its index included). */
public record Rejected(JsonNode item, Violation violation) {
}
