package io.homegrid.gateway.push;

import java.io.IOException;
import java.time.Duration;

/** The backend answered 503 or 429 with {@code Retry-After}: it is there, and asks to wait that long. */
public final class BackendBusyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Duration wait;

    public BackendBusyException(int status, Duration wait) {
        super("backend answered " + status + ", retry after " + wait.toSeconds() + " s");
        this.wait = wait;
    }

    public Duration waitFor() {
        return wait;
    }
}
