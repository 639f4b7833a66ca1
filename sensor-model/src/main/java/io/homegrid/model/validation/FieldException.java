package io.homegrid.model.validation;

/** A field of an item failed validation; thrown inside validators, reported as a {@code Violation}. */
final class FieldException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    FieldException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    String reason() {
        return getMessage();
    }
}
