package io.homegrid.launcher.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.json.Json;

/**
 * Jetty's own refusals (a header too large, a request it cannot parse) in the API's JSON error
 * body, instead of Jetty's HTML page: they happen before CXF sees the request.
 */
public final class JsonJettyErrors extends ErrorHandler {

    /** On the Jetty servers CXF runs for these ports (0: none). */
    public static void install(Bus bus, int... ports) {
        JettyHTTPServerEngineFactory factory = bus.getExtension(JettyHTTPServerEngineFactory.class);
        for (int port : ports) {
            JettyHTTPServerEngine engine = port > 0 ? factory.retrieveJettyHTTPServerEngine(port) : null;
            if (engine != null && engine.getServer() != null) {
                engine.getServer().setErrorHandler(new JsonJettyErrors());
            }
        }
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
            int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int status, String reason) {
        String error = HttpStatus.getMessage(status);
        try {
            return Json.mapper().writeValueAsString(Map.of("status", status, "error", error, "field", "request",
                    "reason", reason == null || reason.isBlank() ? error : reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
