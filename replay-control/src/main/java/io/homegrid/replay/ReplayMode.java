package io.homegrid.replay;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a replay's readings and the CEP outputs they cause end up. */
public enum ReplayMode {
    /** Through the whole pipeline into the household's history, as if pushed again. */
    PIPELINE("pipeline"),
    /** Through the pipeline, but kept apart from the household's history (queries ask with {@code ?replay=}). */
    ISOLATED("isolated");

    private final String wire;

    ReplayMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static ReplayMode of(String wire) {
        for (ReplayMode mode : values()) {
            if (mode.wire.equals(wire)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown replay mode '" + wire + "' (pipeline or isolated)");
    }
}
