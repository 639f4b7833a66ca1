package io.homegrid.routes.rest.internal;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** The JSON body of every error answer (schema/error.schema.json). */
public record ErrorBody(int status, String error, String field, String reason) {

    public static Response response(int status, String field, String reason) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String error = type != null ? type.getReasonPhrase() : "HTTP " + status;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, error, field, reason)).build();
    }
}
