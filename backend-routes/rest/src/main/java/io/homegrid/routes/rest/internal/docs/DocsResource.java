package io.homegrid.routes.rest.internal.docs;

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
 * {@code GET /api/docs}: Swagger UI (the {@code org.webjars:swagger-ui} files) on
 * {@code /api/v1/openapi.json}. Only the named files are served, never a path a caller makes up.
 */
@Path("/api/docs")
@Public
public final class DocsResource {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN = "io/homegrid/routes/rest/internal/docs/";
    /** Swagger UI styles itself inline and shows its logo as a data URL; scripts come from here only. */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'";
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png",
            "homegrid-docs.js", "text/javascript");

    private final String webjar = WEBJAR + BundledFiles.webjarVersion("org.webjars", "swagger-ui") + "/";
    private final String page = BundledFiles.text(OWN + "index.html");

    @GET
    public Response page(@Context UriInfo uri) {
        String base = uri.getBaseUri().getRawPath();
        return Response.ok(page.replace("{{base}}", base.endsWith("/") ? base : base + "/"), "text/html; charset=utf-8")
                .header("Content-Security-Policy", POLICY).build();
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            throw new ApiException(404, "file", "no such file of the API documentation");
        }
        InputStream content = BundledFiles.open(("homegrid-docs.js".equals(file) ? OWN : webjar) + file);
        return Response.ok(content, type).header(HttpHeaders.CACHE_CONTROL, "max-age=3600").build();
    }
}
