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
 * {@code GET /api/v1/households/{householdId}/forecast?horizon=PT6H&step=15m[&at=…]}: the
 * household's demand, persistence and device-aware side by side ({@link HouseholdForecasts}). A
 * root resource of its own: JAX-RS picks the root path with the most literal characters, so this
 * one answers for its path and {@link HouseholdResource} for the rest of {@code /api/v1/households}.
 */
@Path("/api/v1/households/{householdId}/forecast")
@Produces(MediaType.APPLICATION_JSON)
public final class HouseholdForecastResource {

    private final HouseholdForecasts forecasts;

    public HouseholdForecastResource(HouseholdForecasts forecasts) {
        this.forecasts = forecasts;
    }

    /** Mean power per step over the horizon (at most PT48H) from {@code at} (default: now) on. */
    @GET
    public Map<String, Object> forecast(@PathParam("householdId") String household,
            @QueryParam("horizon") String horizon, @QueryParam("step") String step, @QueryParam("at") String at,
            @Context SecurityContext security) {
        return forecasts.household(CallerContext.of(security), household, horizon, step, at);
    }
}
