package io.homegrid.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A replay asked for, already checked by the interface that took it.
 *
 * @param gateways the gateways whose readings are sent, all of one household
 * @param devices  only these devices' readings; empty for all
 * @param speed    1 keeps the original intervals, 60 sends an hour in a minute; null: as fast as
 *                 the pipeline takes it
 */
public record ReplayRequest(String household, String requestedBy, Instant from, Duration duration, List<String> gateways,
        List<String> devices, Double speed, ReplayMode mode) {

    public static final Duration MAX_DURATION = Duration.ofDays(31);
    public static final double MAX_SPEED = 10_000;

    public ReplayRequest {
        gateways = List.copyOf(gateways);
        devices = List.copyOf(devices);
    }

    public Instant to() {
        return from.plus(duration);
    }
}
