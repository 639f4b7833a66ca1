package io.homegrid.routes.parser;

import io.homegrid.model.validation.Limits;

/**
 * How the Sensor Data Parser runs; the one home of its defaults (the DS configuration, the
 * Karaf feature and the command line take theirs from here).
 *
 * @param consumers concurrent consumers of readings.raw
 * @param limits    the same limits the Data Push Interface answered the push with
 */
public record ParserSettings(int consumers, Limits limits) {

    public static final int DEFAULT_CONSUMERS = 2;

    public static final ParserSettings DEFAULT = new ParserSettings(DEFAULT_CONSUMERS, Limits.DEFAULT);

    public ParserSettings {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
    }

    public ParserSettings withConsumers(int count) {
        return new ParserSettings(count, limits);
    }
}
