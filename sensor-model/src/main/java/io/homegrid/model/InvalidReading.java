package io.homegrid.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A reading the Sensor Data Parser refused, kept with the reason so that it can be inspected.
 * {@code index} is its position in the pushed batch (null when the whole message was unreadable);
 * {@code device} and {@code seq} are filled in when they could be read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvalidReading(String gateway, Integer index, String device, Long seq, String field, String reason,
        JsonNode reading, Instant received) {
}
