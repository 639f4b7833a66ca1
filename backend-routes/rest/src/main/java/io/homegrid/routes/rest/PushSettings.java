package io.homegrid.routes.rest;

import io.homegrid.model.validation.Limits;

/**
 * Bounds of the Data Push Interface.
 *
 * @param maxBodyBytes largest request body; more is answered 413 without being read further
 * @param limits       batch size and reading time bounds, the same the parser applies
 */
public record PushSettings(int maxBodyBytes, Limits limits) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public static final PushSettings DEFAULT = new PushSettings(DEFAULT_MAX_BODY_BYTES, Limits.DEFAULT);
}
