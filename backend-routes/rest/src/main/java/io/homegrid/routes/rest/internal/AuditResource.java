package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import io.homegrid.security.AuditEntry;
import io.homegrid.security.Caller;

/** The audit trail: a household's for its admins, everything for operators; newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private final Access access;
    private final Clock clock;

    public AuditResource(Access access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    @GET
    public Map<String, Object> entries(@QueryParam("household") String household, @QueryParam("since") String since,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursorParam, @Context SecurityContext security) {
        Paging.TimeCursor cursor = Paging.timeCursor(cursorParam);
        Caller caller = CallerContext.of(security);
        String scope = household;
        if (household != null) {
            access.admin(caller, household, "read the audit trail");
        } else if (!(caller instanceof Caller.User user && user.operator())) {
            if (!(caller instanceof Caller.User user)) {
                throw new ApiException(403, "Authorization", "only household admins and operators read the audit trail");
            }
            access.admin(caller, user.household(), "read the audit trail");
            scope = user.household();
        }
        Instant from = QueryParams.instant(since, "since", clock.instant().minus(Duration.ofDays(30)));
        int max = QueryParams.boundedInt(limit, "limit", 100, 10_000);
        return Paging.answer("entries", Paging.ofTimes(access.control().audit().entries(scope, from,
                cursor == null ? null : cursor.time(), Paging.fetch(cursor, max)), AuditEntry::at, cursor, max));
    }
}
