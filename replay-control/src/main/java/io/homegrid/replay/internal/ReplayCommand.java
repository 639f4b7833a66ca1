package io.homegrid.replay.internal;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.json.Json;

/** A message on {@code replay.commands}: start a recorded replay, or cancel one (answered on JMSReplyTo). */
public record ReplayCommand(String action, long id) {

    public static final String START = "start";
    public static final String CANCEL = "cancel";

    public String json() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a replay command always has a JSON form", e);
        }
    }

    public static ReplayCommand parse(String json) throws JsonProcessingException {
        return Json.mapper().readValue(json, ReplayCommand.class);
    }
}
