package io.homegrid.security;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a person may do: residents read and switch, household admins also manage, operators run
 * the platform, community operators see their communities' aggregates.
 */
public enum Role {
    RESIDENT("resident"),
    HOUSEHOLD_ADMIN("household-admin"),
    OPERATOR("operator"),
    /** Sees the aggregates of the communities assigned to them; belongs to no household. */
    COMMUNITY_OPERATOR("community-operator");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** As the API and the database spell it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Operators and community operators belong to no household. */
    public boolean householdless() {
        return this == OPERATOR || this == COMMUNITY_OPERATOR;
    }

    public static Optional<Role> of(String wire) {
        return Arrays.stream(values()).filter(role -> role.wire.equals(wire)).findFirst();
    }
}
