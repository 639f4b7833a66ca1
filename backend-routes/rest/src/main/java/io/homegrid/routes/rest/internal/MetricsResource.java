package io.homegrid.routes.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;

import io.homegrid.routes.rest.internal.metrics.PlatformMetrics;

/**
 * {@code GET /metrics}: the backend's meters in Prometheus' text format, for operators. A
 * Prometheus server scrapes it with the operator's Basic credentials ({@code basic_auth}).
 */
@Path("/metrics")
public final class MetricsResource {

    /** Prometheus' text exposition format 0.0.4, which every scraper reads. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final Access access;
    private final PlatformMetrics metrics;

    public MetricsResource(Access access, PlatformMetrics metrics) {
        this.access = access;
        this.metrics = metrics;
    }

    @GET
    @Produces(TEXT_FORMAT)
    public String scrape(@Context SecurityContext security) {
        access.operator(CallerContext.of(security), "read the platform's metrics");
        return metrics.scrape();
    }
}
