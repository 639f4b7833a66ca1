package io.homegrid.routes.rest.internal;

/** A request the API refuses, with the HTTP status and the field and reason for the JSON body. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(int status, String field, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(400, field, reason);
    }

    public static ApiException notFound(String field, String reason) {
        return new ApiException(404, field, reason);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
