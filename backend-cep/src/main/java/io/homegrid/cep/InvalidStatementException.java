package io.homegrid.cep;

/** EPL that does not compile; the message is Esper's, with the position of the error. */
public final class InvalidStatementException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidStatementException(String message) {
        super(message);
    }
}
