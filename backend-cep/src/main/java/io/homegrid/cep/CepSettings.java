package io.homegrid.cep;

import java.time.Duration;

/**
 * How the CEP service evaluates readings; the one home of its defaults.
 *
 * @param lateness       how long the engine waits for out-of-order readings before it advances
 *                       event time past them; readings later than that are dropped and counted
 * @param switchThreshold watts above which a device counts as on
 * @param peakLimit      household watts (minute average) above which a peak is reported
 * @param cycleHours     a device on for longer than this without switching off is reported
 *                       (a fridge or freezer whose compressor never stops)
 * @param minTemperature °C below which a room is reported cold (heater not working)
 */
public record CepSettings(Duration lateness, double switchThreshold, double peakLimit, int cycleHours,
        double minTemperature) {

    public static final int DEFAULT_LATENESS_SECONDS = 5;
    public static final double DEFAULT_SWITCH_THRESHOLD = 5;
    public static final double DEFAULT_PEAK_LIMIT = 3_000;
    public static final int DEFAULT_CYCLE_HOURS = 3;
    public static final double DEFAULT_MIN_TEMPERATURE = 12;

    public static final CepSettings DEFAULT = new CepSettings(Duration.ofSeconds(DEFAULT_LATENESS_SECONDS),
            DEFAULT_SWITCH_THRESHOLD, DEFAULT_PEAK_LIMIT, DEFAULT_CYCLE_HOURS, DEFAULT_MIN_TEMPERATURE);

    public CepSettings withLateness(Duration wait) {
        return new CepSettings(wait, switchThreshold, peakLimit, cycleHours, minTemperature);
    }
}
