package io.homegrid.cep;

/**
 * EPL that does not compile, with Esper's message and the position of the error, or that uses
 * what statements may not (a class, call or construct off the allow-list), naming it.
 */
public final class InvalidStatementException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidStatementException(String message) {
        super(message);
    }
}
