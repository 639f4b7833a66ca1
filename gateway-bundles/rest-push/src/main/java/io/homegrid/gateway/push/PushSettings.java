package io.homegrid.gateway.push;

import java.net.URI;
import java.time.Duration;

/**
 * How the gateway delivers to its backend; the one home of these defaults (the metatype
 * annotation, the Felix {@code etc/} file and the launcher's options take theirs from here).
 *
 * @param backend     base URL of the backend, e.g. {@code https://backend:8080}
 * @param gateway     this gateway's identifier
 * @param batchSize   readings per push (the backend takes at most 1,000)
 * @param backlogRate readings per second sent from the backlog after an outage, on top of live data
 * @param interval    pause between pushes when the cache is drained
 * @param commandWait how long each command long poll waits: shorter costs requests, longer costs shutdown time
 * @param secret      the secret the backend issued when this gateway was registered; null: none (the
 *                    backend will refuse every request)
 * @param backendFingerprint SHA-256 of the backend's certificate, pinned; null: trust the JVM's CAs
 */
public record PushSettings(URI backend, String gateway, int batchSize, int backlogRate, Duration interval,
        Duration commandWait, String secret, String backendFingerprint) {

    public static final String DEFAULT_BACKEND = "https://localhost:8080";
    public static final String DEFAULT_GATEWAY = "gw-1";
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_BACKLOG_RATE = 2_000;
    public static final int DEFAULT_INTERVAL_MILLIS = 1_000;
    public static final int DEFAULT_COMMAND_WAIT_SECONDS = 20;
    public static final PushSettings DEFAULT = new PushSettings(URI.create(DEFAULT_BACKEND), DEFAULT_GATEWAY,
            DEFAULT_BATCH_SIZE, DEFAULT_BACKLOG_RATE, Duration.ofMillis(DEFAULT_INTERVAL_MILLIS),
            Duration.ofSeconds(DEFAULT_COMMAND_WAIT_SECONDS), null, null);

    /** The defaults, for this backend and gateway. */
    public static PushSettings of(URI backend, String gateway) {
        return new PushSettings(backend, gateway, DEFAULT.batchSize, DEFAULT.backlogRate, DEFAULT.interval,
                DEFAULT.commandWait, null, null);
    }

    public PushSettings withInterval(Duration pause) {
        return new PushSettings(backend, gateway, batchSize, backlogRate, pause, commandWait, secret, backendFingerprint);
    }

    public PushSettings withBacklogRate(int readingsPerSecond) {
        return new PushSettings(backend, gateway, batchSize, readingsPerSecond, interval, commandWait, secret, backendFingerprint);
    }

    public PushSettings withBatchSize(int readings) {
        return new PushSettings(backend, gateway, readings, backlogRate, interval, commandWait, secret, backendFingerprint);
    }

    public PushSettings withCommandWait(Duration wait) {
        return new PushSettings(backend, gateway, batchSize, backlogRate, interval, wait, secret, backendFingerprint);
    }

    public PushSettings withSecret(String gatewaySecret) {
        return new PushSettings(backend, gateway, batchSize, backlogRate, interval, commandWait, gatewaySecret, backendFingerprint);
    }

    public PushSettings withBackendFingerprint(String sha256) {
        return new PushSettings(backend, gateway, batchSize, backlogRate, interval, commandWait, secret, sha256);
    }

    /** Never shows the secret, so that the settings can be logged. */
    @Override
    public String toString() {
        return "PushSettings[backend=" + backend + ", gateway=" + gateway + ", batchSize=" + batchSize + ", backlogRate="
                + backlogRate + ", interval=" + interval + ", commandWait=" + commandWait + ", secret="
                + (secret == null ? "none" : "set") + ", backendFingerprint=" + backendFingerprint + "]";
    }
}
