package io.homegrid.routes.rest.internal.metrics;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

import javax.annotation.Priority;
import javax.ws.rs.Path;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.ext.Provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request by method, path template (not the path itself, so that ids do not make a
 * series each) and status: {@code homegrid_http_requests_seconds}. It runs before authentication,
 * so refused requests (401, 429) are counted too.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    private final MeterRegistry registry;

    @Context
    ResourceInfo resource;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long nanos)) {
            return;
        }
        Timer.builder("homegrid.http.requests").description("requests answered, by path template and status")
                .tags("method", request.getMethod(), "uri", template(), "status", Integer.toString(response.getStatus()))
                .register(registry).record(System.nanoTime() - nanos, TimeUnit.NANOSECONDS);
    }

    /** The matched resource's path template, or {@code unmatched} for a path no resource serves. */
    private String template() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        Path sub = method.getAnnotation(Path.class);
        String path = (type == null ? "" : type.value()) + (sub == null ? "" : "/" + sub.value());
        return path.replaceAll("/+", "/");
    }
}
