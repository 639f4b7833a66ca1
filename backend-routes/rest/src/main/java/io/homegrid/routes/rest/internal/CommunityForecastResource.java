package io.homegrid.routes.rest.internal;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/communities/{communityId}/forecast?horizon=PT6H&step=15m[&at=…]}: the sum of
 * the member households' forecasts, both models, for whoever sees the community; no household's
 * share is shown. A root resource of its own, beside {@link CommunityResource} (see
 * {@link HouseholdForecastResource}).
 */
@Path("/api/v1/communities/{communityId}/forecast")
@Produces(MediaType.APPLICATION_JSON)
public final class CommunityForecastResource {

    private final HouseholdForecasts forecasts;

    public CommunityForecastResource(HouseholdForecasts forecasts) {
        this.forecasts = forecasts;
    }

    /** The community's demand per step over the horizon (at most PT48H) from {@code at} (default: now) on. */
    @GET
    public Map<String, Object> forecast(@PathParam("communityId") String community,
            @QueryParam("horizon") String horizon, @QueryParam("step") String step, @QueryParam("at") String at,
            @Context SecurityContext security) {
        return forecasts.community(CallerContext.of(security), community, horizon, step, at);
    }
}
