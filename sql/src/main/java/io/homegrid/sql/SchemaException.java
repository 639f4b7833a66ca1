package io.homegrid.sql;

/** The schema could not be brought up to date; the backend must not start on it. */
public final class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
