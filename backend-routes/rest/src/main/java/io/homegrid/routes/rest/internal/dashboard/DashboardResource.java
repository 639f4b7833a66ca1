package io.homegrid.routes.rest.internal.dashboard;

import java.io.InputStream;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import io.homegrid.routes.rest.internal.ApiException;
import io.homegrid.routes.rest.internal.BundledFiles;
import io.homegrid.routes.rest.internal.Public;

/**
 * {@code GET /}: the web dashboard, a page and its scripts that call the public API only (the
 * token they get at log-in is what authorizes everything they show). Only the named files are
 * served, never a path a caller makes up; Apache ECharts comes from the {@code org.webjars.npm:echarts}
 * jar.
 */
@Path("/")
@Public
public final class DashboardResource {

    private static final String OWN = "io/homegrid/routes/rest/internal/dashboard/";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/";
    /**
     * Scripts from here only, never inline; ECharts sets styles on its elements; the live channel
     * is a WebSocket to this same origin, which {@code 'self'} covers (CSP Level 3).
     */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("dashboard.css", "text/css"),
            Map.entry("app.js", "text/javascript"),
            Map.entry("api.js", "text/javascript"),
            Map.entry("live.js", "text/javascript"),
            Map.entry("view.js", "text/javascript"),
            Map.entry("home.js", "text/javascript"),
            Map.entry("history.js", "text/javascript"),
            Map.entry("consumers.js", "text/javascript"),
            Map.entry("map.js", "text/javascript"),
            Map.entry("admin.js", "text/javascript"),
            Map.entry("community.js", "text/javascript"),
            Map.entry("echarts.min.js", "text/javascript"));

    private final String page = BundledFiles.text(OWN + "index.html");
    private final String echarts = ECHARTS + BundledFiles.webjarVersion("org.webjars.npm", "echarts") + "/dist/";

    @GET
    public Response page(@Context UriInfo uri) {
        String base = uri.getBaseUri().getRawPath();
        return Response.ok(page.replace("{{base}}", base.endsWith("/") ? base : base + "/"), "text/html; charset=utf-8")
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    @GET
    @Path("ui/{file}")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            throw new ApiException(404, "file", "no such file of the dashboard");
        }
        InputStream content = BundledFiles.open(("echarts.min.js".equals(file) ? echarts : OWN) + file);
        // the dashboard's own files change with each release; a reload after an upgrade must see them
        return Response.ok(content, type + "; charset=utf-8").header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "echarts.min.js".equals(file) ? "max-age=86400" : "no-cache").build();
    }
}
