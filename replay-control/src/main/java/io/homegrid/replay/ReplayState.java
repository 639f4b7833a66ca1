package io.homegrid.replay;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ReplayState {
    QUEUED("queued"), RUNNING("running"), DONE("done"), CANCELLED("cancelled"), FAILED("failed");

    private final String wire;

    ReplayState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean finished() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    public static ReplayState of(String wire) {
        for (ReplayState state : values()) {
            if (state.wire.equals(wire)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown replay state '" + wire + "'");
    }
}
