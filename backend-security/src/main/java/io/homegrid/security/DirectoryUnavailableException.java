package io.homegrid.security;

/** The database behind the directory cannot be reached; answered 503, the caller retries. */
public final class DirectoryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
