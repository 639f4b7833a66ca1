package io.homegrid.model.validation;

import io.homegrid.model.Violation;

/** A whole push was refused before any of its items was looked at; carries the HTTP status to answer. */
public final class BatchRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int BAD_REQUEST = 400;
    public static final int PAYLOAD_TOO_LARGE = 413;

    private final int status;
    private final transient Violation violation;

    public BatchRejectedException(int status, String field, String reason) {
        super(field + ": " + reason, null, false, false);
        this.status = status;
        this.violation = Violation.ofBatch(field, reason);
    }

    public int status() {
        return status;
    }

    public Violation violation() {
        return violation;
    }
}
