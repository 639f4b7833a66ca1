package io.homegrid.security;

import java.time.Instant;
import java.time.ZoneId;

public record Household(String id, String name, ZoneId timeZone, Instant created) {

    /** Where gateways that pushed before households existed belong. */
    public static final String DEFAULT = "default";
}
