package io.homegrid.gateway.cache;

/** The local cache could not be read or written: readings may be at risk, so it is never swallowed. */
public final class CacheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
