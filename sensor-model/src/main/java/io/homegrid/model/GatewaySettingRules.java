package io.homegrid.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway settings the backend may read and change, and what each may be: checked at the
 * backend (a 400 naming the setting) and again at the gateway, which trusts no input.
 * Calibration entries are {@code <type>.<channel>.factor} or {@code .offset}.
 */
public final class GatewaySettingRules {

    public static final String INTERVAL_MILLIS = "intervalMillis";
    public static final String BACKLOG_RATE = "backlogRate";
    public static final String BATCH_SIZE = "batchSize";

    private static final Pattern CALIBRATION = Pattern.compile("[a-z][a-z0-9-]{0,31}\\.[A-Za-z0-9]{1,16}\\.(factor|offset)");

    private GatewaySettingRules() {
    }

    public static boolean calibration(String name) {
        return CALIBRATION.matcher(name).matches();
    }

    /** Why this value is refused for this setting; empty when it is fine. */
    public static Optional<String> refusal(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("needs a value");
        }
        return switch (name) {
            case INTERVAL_MILLIS -> range(value, 100, 3_600_000);
            case BACKLOG_RATE -> range(value, 1, 100_000);
            case BATCH_SIZE -> range(value, 1, 1000);
            default -> calibration(name) ? finite(value) : Optional.of("is no gateway setting: one of "
                    + INTERVAL_MILLIS + ", " + BACKLOG_RATE + ", " + BATCH_SIZE
                    + " or a calibration entry <type>.<channel>.factor|offset");
        };
    }

    private static Optional<String> range(String value, long min, long max) {
        try {
            long number = Long.parseLong(value.strip());
            return number >= min && number <= max ? Optional.empty()
                    : Optional.of("must be from " + min + " to " + max + ", not " + number);
        } catch (NumberFormatException e) {
            return Optional.of("must be a whole number, not '" + value + "'");
        }
    }

    private static Optional<String> finite(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            return Double.isFinite(number) ? Optional.empty() : Optional.of("must be a finite number");
        } catch (NumberFormatException e) {
            return Optional.of("must be a number, not '" + value + "'");
        }
    }
}
