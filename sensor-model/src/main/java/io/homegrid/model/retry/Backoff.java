package io.homegrid.model.retry;

import java.time.Duration;

/**
 * The pause before the next attempt after a failure: starts at {@code initial}, doubles with
 * every failure up to {@code max}, and starts over after a success. One worker thread owns an
 * instance (a radio supervisor, a pusher, a queue consumer), so it is not thread-safe.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** How long to wait before the next attempt. */
    public Duration pause() {
        return current;
    }

    /** An attempt failed: the pause to wait now, and the one after it doubles. */
    public Duration failed() {
        Duration pause = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return pause;
    }

    /** An attempt succeeded: the next failure waits the initial pause again. */
    public void succeeded() {
        current = initial;
    }
}
