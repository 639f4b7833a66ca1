package io.homegrid.gateway.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a device's radio reported, before any meaning is given to it: analog channels as ADC
 * counts and digital lines as on/off, keyed by channel name ({@code AD0}, {@code DIO4}, …).
 *
 * @param type the device type the adapter identified (e.g. {@code smart-plug}), or null if unknown
 */
public record RawSample(String device, String type, Instant time, Map<String, Integer> analog,
        Map<String, Boolean> digital) {

    public RawSample {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(time, "time");
        analog = Map.copyOf(analog);
        digital = Map.copyOf(digital);
    }
}
