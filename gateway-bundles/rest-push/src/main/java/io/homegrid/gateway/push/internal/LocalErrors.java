package io.homegrid.gateway.push.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The local API's errors in the backend's shape ({@code {"status","error","field"?,"reason"}}),
 * whatever raised them: JAX-RS (no such path, method, media type), Jackson (a body that is not
 * JSON) or a bug. One log line each, no stack trace on the console unless debugging.
 */
public final class LocalErrors {

    private static final Logger LOG = LoggerFactory.getLogger(LocalErrors.class);

    private LocalErrors() {
    }

    static Response answer(int status, String field, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        Response.StatusType type = Response.Status.fromStatusCode(status);
        body.put("error", type == null ? "Error" : type.getReasonPhrase());
        if (field != null) {
            body.put("field", field);
        }
        body.put("reason", reason);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** What JAX-RS refused: 404, 405, 406, 415 and the like. */
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e.getCause() instanceof JsonProcessingException json) {
                return answer(400, "body", "not JSON: " + json.getOriginalMessage());
            }
            LOG.debug("Local API answered {}: {}", status, e.getMessage());
            return answer(status, null, e.getMessage());
        }
    }

    /** A body Jackson could not read. */
    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return answer(400, "body", "not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Anything else is a bug of ours: said once, in one line; the stack trace at debug level.
     * (JAX-RS hands each exception to the mapper of its nearest type: {@link Web} keeps its own.)
     */
    public static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.warn("Local API request failed: {}", e.toString());
            LOG.debug("Local API failure", e);
            return answer(500, null, "the gateway could not answer: " + e.getMessage());
        }
    }
}
