package io.homegrid.persistence;

/** A repository query failed; the message says which, the cause says why. Answered as 503 by the REST layer. */
public final class RepositoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
