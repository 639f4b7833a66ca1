package io.homegrid.security;

/** A directory change that cannot be made: the field that is wrong, and why. */
public final class AccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How the API answers it. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public AccessException(Kind kind, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
