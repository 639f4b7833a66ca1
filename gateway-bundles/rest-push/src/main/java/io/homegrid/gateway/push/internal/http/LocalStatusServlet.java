package io.homegrid.gateway.push.internal.http;

import java.io.IOException;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.push.internal.LocalStatusBodies;
import io.homegrid.model.json.Json;

/**
 * {@code GET /health} and {@code GET /api/v1/status} in Felix, on the HTTP whiteboard (the same
 * Jetty as the local console, on loopback unless opened): the answers of the embedded gateway's
 * local API, errors in the backend's JSON shape.
 */
public final class LocalStatusServlet extends HttpServlet {

    public static final String HEALTH = "/health";
    public static final String STATUS = "/api/v1/status";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LocalStatusServlet.class);

    private final transient LocalStatusBodies bodies;

    public LocalStatusServlet(LocalStatusBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        try {
            if (HEALTH.equals(path)) {
                LocalStatusBodies.Answer answer = bodies.health();
                write(response, answer.status(), answer.body());
            } else if (STATUS.equals(path)) {
                write(response, 200, bodies.status());
            } else {
                write(response, 404, Map.of("status", 404, "error", "Not Found", "field", "path",
                        "reason", "this gateway serves " + HEALTH + " and " + STATUS));
            }
        } catch (RuntimeException e) {
            LOG.error("Local API: {} failed", path, e);
            write(response, 500, Map.of("status", 500, "error", "Internal Server Error",
                    "reason", "the gateway could not answer; its log says why"));
        }
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.mapper().writeValue(response.getOutputStream(), body);
    }
}
