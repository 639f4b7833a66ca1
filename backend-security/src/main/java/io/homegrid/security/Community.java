package io.homegrid.security;

import java.time.Instant;

/**
 * An energy community: households that pool their residual load, whose batteries discharge above
 * {@code limitWatts} and recharge below {@code lowerLimitWatts}.
 *
 * @param parent the community this one is a sub-community of; null for a top-level one
 */
public record Community(String id, String name, String parent, double limitWatts, double lowerLimitWatts,
        Instant created) {
}
