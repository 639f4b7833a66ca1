package io.homegrid.model;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway settings the backend may read and change, and what each may be: checked at the
 * backend (a 400 naming the setting) and again at the gateway, which trusts no input.
 * Calibration entries are {@code <type>.<channel>.factor} or {@code .offset}; the household
 * battery's, which its community agent controls, are {@code battery.<name>}.
 */
public final class GatewaySettingRules {

    public static final String INTERVAL_MILLIS = "intervalMillis";
    public static final String BACKLOG_RATE = "backlogRate";
    public static final String BATCH_SIZE = "batchSize";
    /** The prefix of the community agent's battery settings; the rest is the agent's property name. */
    public static final String BATTERY = "battery.";
    public static final String BATTERY_CAPACITY_WH = BATTERY + "capacityWh";
    public static final String BATTERY_MAX_CHARGE_W = BATTERY + "maxChargeW";
    public static final String BATTERY_MAX_DISCHARGE_W = BATTERY + "maxDischargeW";
    public static final String BATTERY_EFFICIENCY = BATTERY + "efficiency";
    public static final String BATTERY_RESERVE = BATTERY + "reserve";
    /** No home battery is larger; a value past it is a typo (kWh for Wh is the other way round). */
    private static final double MOST_WH = 1_000_000;
    private static final double MOST_W = 100_000;

    private static final Pattern CALIBRATION = Pattern.compile("[a-z][a-z0-9-]{0,31}\\.[A-Za-z0-9]{1,16}\\.(factor|offset)");

    private GatewaySettingRules() {
    }

    public static boolean calibration(String name) {
        return CALIBRATION.matcher(name).matches();
    }

    /** The battery settings there are; the rest of the agent's configuration is the installer's. */
    public static final Set<String> BATTERY_SETTINGS = Set.of(BATTERY_CAPACITY_WH, BATTERY_MAX_CHARGE_W,
            BATTERY_MAX_DISCHARGE_W, BATTERY_EFFICIENCY, BATTERY_RESERVE);

    public static boolean battery(String name) {
        return BATTERY_SETTINGS.contains(name);
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
            case BATTERY_CAPACITY_WH -> above(value, 0, MOST_WH, "Wh");
            case BATTERY_MAX_CHARGE_W, BATTERY_MAX_DISCHARGE_W -> above(value, 0, MOST_W, "W");
            case BATTERY_EFFICIENCY -> above(value, 0, 1, "");
            // a battery kept full for the home shaves nothing
            case BATTERY_RESERVE -> number(value).filter(n -> n >= 0 && n < 1).isPresent() ? Optional.empty()
                    : Optional.of("must be from 0 to below 1 (the share of the capacity kept for the home), not " + value);
            default -> calibration(name) ? finite(value) : Optional.of("is no gateway setting: one of "
                    + INTERVAL_MILLIS + ", " + BACKLOG_RATE + ", " + BATCH_SIZE + ", " + BATTERY_CAPACITY_WH + ", "
                    + BATTERY_MAX_CHARGE_W + ", " + BATTERY_MAX_DISCHARGE_W + ", " + BATTERY_EFFICIENCY + ", "
                    + BATTERY_RESERVE + " or a calibration entry <type>.<channel>.factor|offset");
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

    /** A number above {@code low} and at most {@code high}. */
    private static Optional<String> above(String value, double low, double high, String unit) {
        Optional<Double> number = number(value);
        if (number.isEmpty()) {
            return Optional.of("must be a number, not '" + value + "'");
        }
        String suffix = unit.isEmpty() ? "" : " " + unit;
        return number.get() > low && number.get() <= high ? Optional.empty()
                : Optional.of("must be above " + low + " and at most " + high + suffix + ", not " + number.get() + suffix);
    }

    private static Optional<Double> number(String value) {
        try {
            double number = Double.parseDouble(value.strip());
            return Double.isFinite(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
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
