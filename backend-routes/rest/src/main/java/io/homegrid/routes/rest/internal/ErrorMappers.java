package io.homegrid.routes.rest.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.homegrid.persistence.RepositoryException;
import io.homegrid.security.AccessException;
import io.homegrid.security.DirectoryUnavailableException;
import io.homegrid.routes.rest.BusUnavailableException;

/** Turns every failure into a JSON error body, so no client ever has to parse an HTML error page. */
public final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    @Provider
    public static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return ErrorBody.response(e.status(), e.field(), e.reason());
        }
    }

    /** What the JAX-RS runtime itself refuses: unknown paths, wrong methods, wrong content types. */
    @Provider
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            // CXF wraps what a message body reader threw; a body that is not JSON is still the client's fault.
            if (e.getCause() instanceof JsonProcessingException json) {
                return badJson(json);
            }
            int status = e.getResponse().getStatus();
            return switch (status) {
                case 404 -> ErrorBody.response(status, "path", "no such resource; the API is described in README.md");
                case 405 -> ErrorBody.response(status, "method", "not allowed here; allowed: "
                        + e.getResponse().getAllowedMethods());
                case 406 -> ErrorBody.response(status, "Accept", "this resource answers application/json");
                case 415 -> ErrorBody.response(status, "Content-Type", "send the body as application/json");
                default -> ErrorBody.response(status, "request", e.getMessage() == null ? "refused" : e.getMessage());
            };
        }
    }

    /**
     * A JSON body that does not parse or does not fit the request's type (relay, CEP statement,
     * command result): the client's fault, answered 400 naming where it went wrong.
     */
    @Provider
    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return badJson(e);
        }
    }

    static Response badJson(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return ErrorBody.response(400, field, "not valid JSON for this request: " + e.getOriginalMessage() + where);
    }

    /** A directory change refused: a wrong field, an unknown household or application, a duplicate. */
    @Provider
    public static final class Directory implements ExceptionMapper<AccessException> {
        @Override
        public Response toResponse(AccessException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            return ErrorBody.response(status, e.field(), e.getMessage());
        }
    }

    @Provider
    public static final class DirectoryDown implements ExceptionMapper<DirectoryUnavailableException> {
        @Override
        public Response toResponse(DirectoryUnavailableException e) {
            LOG.warn("Answering 503: {}", e.getMessage(), e.getCause());
            return ErrorBody.response(503, "database", "the database is unavailable; retry later");
        }
    }

    @Provider
    public static final class Bus implements ExceptionMapper<BusUnavailableException> {
        @Override
        public Response toResponse(BusUnavailableException e) {
            LOG.warn("Answering 503: {}", e.getMessage(), e.getCause());
            return ErrorBody.response(503, "broker", "the message broker is unavailable; retry later");
        }
    }

    @Provider
    public static final class Repository implements ExceptionMapper<RepositoryException> {
        @Override
        public Response toResponse(RepositoryException e) {
            LOG.warn("Answering 503: {}", e.getMessage(), e.getCause());
            return ErrorBody.response(503, "database", "the database is unavailable; retry later");
        }
    }

    /** A bug: logged with its stack trace, answered without one. */
    @Provider
    public static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.error("Unexpected failure answering a request", e);
            return ErrorBody.response(500, "server", "internal error; it has been logged");
        }
    }
}
