package io.homegrid.security;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a person may do: residents read and switch, household admins also manage, operators run the platform. */
public enum Role {
    RESIDENT("resident"),
    HOUSEHOLD_ADMIN("household-admin"),
    OPERATOR("operator");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** As the API and the database spell it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<Role> of(String wire) {
        return Arrays.stream(values()).filter(role -> role.wire.equals(wire)).findFirst();
    }
}
