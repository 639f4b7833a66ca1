package io.homegrid.routes.rest;

/** The broker did not take a message; the REST layer answers 503 so that the gateway retries. */
public final class BusUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
