package io.homegrid.gateway.devices;

import java.time.Duration;

/**
 * How the device list decides that a device left; the one home of its defaults.
 *
 * @param silence a device that has reported nothing for this long is marked left
 */
public record DeviceListSettings(Duration silence) {

    public static final int DEFAULT_SILENCE_SECONDS = 60;
    public static final DeviceListSettings DEFAULT = new DeviceListSettings(Duration.ofSeconds(DEFAULT_SILENCE_SECONDS));
    private static final Duration SHORTEST_SWEEP = Duration.ofMillis(250);

    /** How often silent devices are looked for: a device is marked left at most a quarter of the silence late. */
    public Duration sweepPeriod() {
        Duration quarter = silence.dividedBy(4);
        return quarter.compareTo(SHORTEST_SWEEP) < 0 ? SHORTEST_SWEEP : quarter;
    }
}
