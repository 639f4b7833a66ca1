package io.homegrid.routes.rest;

import io.homegrid.model.validation.Limits;

/**
 * Bounds of the Data Push Interface.
 *
 * @param maxBodyBytes largest request body; more is answered 413 without being read further
 * @param limits       batch size and reading time bounds
 */
public record PushSettings(int maxBodyBytes, Limits limits) {

    public static final PushSettings DEFAULT = new PushSettings(1 << 20, Limits.DEFAULT);
}
