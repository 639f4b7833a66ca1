package io.homegrid.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a device is part of the home's network. */
public enum DeviceState {
    JOINED("joined"),
    LEFT("left");

    private final String id;

    DeviceState(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static DeviceState byId(String id) {
        for (DeviceState state : values()) {
            if (state.id.equals(id)) {
                return state;
            }
        }
        return null;
    }
}
