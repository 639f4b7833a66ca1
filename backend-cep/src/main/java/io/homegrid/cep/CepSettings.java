package io.homegrid.cep;

import java.time.Duration;

/**
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

    public static final CepSettings DEFAULT = new CepSettings(Duration.ofSeconds(5), 5, 3_000, 3, 12);
}
