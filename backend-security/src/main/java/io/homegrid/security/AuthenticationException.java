package io.homegrid.security;

/** The credentials are missing, malformed, wrong, expired or revoked; answered 401. */
public final class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String reason) {
        super(reason);
    }
}
