package io.homegrid.security;

import java.time.Instant;

/**
 * A gateway an administrator registered.
 *
 * @param latitude    null when no location was given
 * @param hasSecret   false once its secret is revoked (or, for gateways from before
 *                    registration, until one is rotated)
 */
public record GatewayRegistration(String gateway, String household, String name, String description, Double latitude,
        Double longitude, boolean hasSecret, Instant registered, Instant secretChanged) {
}
