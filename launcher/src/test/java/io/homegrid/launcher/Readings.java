package io.homegrid.launcher;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;

/** Builds reading batches in the wire format for tests. */
public final class Readings {

    private Readings() {
    }

    /** A valid power reading taken {@code secondsAgo} before now. */
    public static String power(String device, double watts, long seq, long secondsAgo) {
        return reading(device, "power", Double.toString(watts), "W", Instant.now().minusSeconds(secondsAgo), seq);
    }

    public static String reading(String device, String sensor, String value, String unit, Instant time, long seq) {
        return "{\"device\":\"" + device + "\",\"sensor\":\"" + sensor + "\",\"value\":" + value + ",\"unit\":\"" + unit
                + "\",\"time\":\"" + time.truncatedTo(ChronoUnit.MILLIS) + "\",\"seq\":" + seq + "}";
    }

    public static String batch(String gateway, String... readings) {
        StringJoiner joined = new StringJoiner(",", "{\"gateway\":\"" + gateway + "\",\"readings\":[", "]}");
        for (String reading : readings) {
            joined.add(reading);
        }
        return joined.toString();
    }
}
