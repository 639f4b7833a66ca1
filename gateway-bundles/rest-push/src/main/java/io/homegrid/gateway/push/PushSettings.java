package io.homegrid.gateway.push;

import java.net.URI;
import java.time.Duration;

/**
 * @param backend     base URL of the backend, e.g. {@code http://backend:8080}
 * @param gateway     this gateway's identifier
 * @param batchSize   readings per push (the backend takes at most 1,000)
 * @param backlogRate readings per second sent from the backlog after an outage, on top of live data
 * @param interval    pause between pushes when the cache is drained
 */
public record PushSettings(URI backend, String gateway, int batchSize, int backlogRate, Duration interval) {

    public static PushSettings of(URI backend, String gateway) {
        return new PushSettings(backend, gateway, 500, 2_000, Duration.ofSeconds(1));
    }

    public PushSettings withInterval(Duration pause) {
        return new PushSettings(backend, gateway, batchSize, backlogRate, pause);
    }

    public PushSettings withBacklogRate(int readingsPerSecond) {
        return new PushSettings(backend, gateway, batchSize, readingsPerSecond, interval);
    }
}
