package io.homegrid.routes.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A forecast's parameters, checked: {@code horizon} an ISO-8601 duration above zero and at most
 * {@link #MAX_HORIZON}, {@code step} one of 1m, 5m, 15m, 1h, the horizon a whole number of
 * steps; {@code at} (default now) taken down to the step's UTC grid, where the rollups' buckets lie.
 */
record ForecastRequest(Instant from, Step step, Duration horizon) {

    static final Duration MAX_HORIZON = Duration.ofHours(48);

    /** The steps a forecast answers in, each a rollup-aligned width. */
    enum Step {
        MINUTE("1m", Duration.ofMinutes(1)),
        FIVE_MINUTES("5m", Duration.ofMinutes(5)),
        QUARTER_HOUR("15m", Duration.ofMinutes(15)),
        HOUR("1h", Duration.ofHours(1));

        private final String id;
        private final Duration width;

        Step(String id, Duration width) {
            this.id = id;
            this.width = width;
        }

        String id() {
            return id;
        }

        Duration width() {
            return width;
        }
    }

    static ForecastRequest parse(String horizon, String step, String at, Instant now) {
        Step width = step(step);
        Duration ahead = horizon(horizon);
        if (ahead.toSeconds() % width.width().toSeconds() != 0) {
            throw ApiException.badRequest("horizon", "'" + horizon + "' is not a whole number of " + width.id()
                    + " steps");
        }
        Instant time = QueryParams.instant(at, "at", now);
        if (time.isBefore(HouseholdAnalyses.EARLIEST.plus(Duration.ofDays(60)))
                || !time.isBefore(HouseholdAnalyses.LATEST.minus(MAX_HORIZON))) {
            throw ApiException.badRequest("at", "must lie between " + HouseholdAnalyses.EARLIEST.plus(Duration.ofDays(60))
                    + " and " + HouseholdAnalyses.LATEST.minus(MAX_HORIZON));
        }
        long seconds = width.width().toSeconds();
        return new ForecastRequest(Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds), width,
                ahead);
    }

    int steps() {
        return (int) (horizon.toSeconds() / step.width().toSeconds());
    }

    private static Step step(String value) {
        if (value == null || value.isBlank()) {
            return Step.QUARTER_HOUR;
        }
        return Arrays.stream(Step.values()).filter(s -> s.id().equals(value.strip())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("step", "'" + value + "' is not one of "
                        + Arrays.stream(Step.values()).map(Step::id).collect(Collectors.joining(", "))));
    }

    private static Duration horizon(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofHours(6);
        }
        Duration parsed;
        try {
            parsed = Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("horizon", "'" + value + "' is not an ISO-8601 duration such as PT6H");
        }
        if (parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_HORIZON) > 0) {
            throw ApiException.badRequest("horizon", "must be above zero and at most " + MAX_HORIZON + ", was " + value);
        }
        return parsed;
    }
}
