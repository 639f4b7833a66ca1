package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.security.Caller;
import io.homegrid.security.Community;
import io.homegrid.security.CommunityMember;
import io.homegrid.security.Role;
import io.homegrid.security.UserAccount;

/**
 * Energy communities (issue 17): operators create them (nested or not) and name their community
 * operators; a household's admins join or leave, which grants the community the household's net
 * load and nothing else; the residual load per minute, as the CEP engine computed it, for whoever
 * sees the community.
 */
@Path("/api/v1/communities")
@Produces(MediaType.APPLICATION_JSON)
public final class CommunityResource {

    /** The longest residual load period one request reads: a week of minutes. */
    static final Duration MAX_PERIOD = Duration.ofDays(7);

    private final Access access;
    private final CommunityAccess communities;
    private final SensorDataRepository repository;
    private final Clock clock;

    private final CommunitySignalRelay signals;

    /** @param signals the residual load as it stands, as the community agents hear it */
    public CommunityResource(Access access, SensorDataRepository repository, CommunitySignalRelay signals, Clock clock) {
        this.access = access;
        this.communities = new CommunityAccess(access);
        this.repository = repository;
        this.signals = signals;
        this.clock = clock;
    }

    /** The communities the caller sees: all for operators, their own for community operators and households. */
    @GET
    public Map<String, Object> list(@Context SecurityContext security) {
        Caller caller = CallerContext.of(security);
        if (caller instanceof Caller.Application) {
            throw new ApiException(403, "Authorization", "applications see no communities");
        }
        return Map.of("communities", communities.communities().all().stream()
                .filter(community -> communities.sees(caller, community.id())).map(this::view).toList());
    }

    /** {@code {"id":…,"name":…,"parent":…?,"limitWatts":…,"lowerLimitWatts":…}}: operators only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body, @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "create communities");
        JsonFields fields = JsonFields.of(body);
        Community community = communities.communities().create(new Community(fields.text("id"), fields.text("name"),
                fields.optionalText("parent"), fields.number("limitWatts"), fields.number("lowerLimitWatts"), null));
        access.control().audit().record(operator, null, "community.create", community.id(), "ok");
        return Response.status(201).entity(view(community)).build();
    }

    @GET
    @Path("{communityId}")
    public CommunityView one(@PathParam("communityId") String id, @Context SecurityContext security) {
        return view(communities.reader(CallerContext.of(security), id));
    }

    /**
     * {@code {"limitWatts":…,"lowerLimitWatts":…}}: new limits, for operators and the community's
     * operators; the agents follow them with the next signal.
     */
    @PUT
    @Path("{communityId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CommunityView limits(@PathParam("communityId") String id, JsonNode body, @Context SecurityContext security) {
        Caller.User manager = communities.manager(CallerContext.of(security), id);
        JsonFields fields = JsonFields.of(body);
        Community changed = communities.communities().limits(id, fields.number("limitWatts"),
                fields.number("lowerLimitWatts"));
        access.control().audit().record(manager, null, "community.limits", id + " " + changed.lowerLimitWatts() + ".."
                + changed.limitWatts() + " W", "ok");
        return view(changed);
    }

    /** The member households, for operators and the community's operators. */
    @GET
    @Path("{communityId}/members")
    public Map<String, Object> members(@PathParam("communityId") String id, @Context SecurityContext security) {
        communities.manager(CallerContext.of(security), id);
        return Map.of("members", communities.communities().members(id));
    }

    /** A household joins: its admins (or an operator) opt it in; joining twice is refused. */
    @PUT
    @Path("{communityId}/members/{householdId}")
    public Response join(@PathParam("communityId") String id, @PathParam("householdId") String household,
            @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "join communities");
        CommunityMember member = communities.communities().join(id, household, admin.name());
        access.control().audit().record(admin, household, "community.join", id, "ok");
        return Response.status(201).entity(member).build();
    }

    @DELETE
    @Path("{communityId}/members/{householdId}")
    public Response leave(@PathParam("communityId") String id, @PathParam("householdId") String household,
            @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "leave communities");
        if (!communities.communities().leave(id, household)) {
            throw ApiException.notFound("householdId", "household '" + household + "' is no member of community '" + id
                    + "'");
        }
        access.control().audit().record(admin, household, "community.leave", id, "ok");
        return Response.noContent().build();
    }

    /**
     * {@code {"username":…,"password":…}} creates a community operator and assigns the community
     * to them; {@code {"username":…}} assigns it to an existing one. Operators only.
     */
    @POST
    @Path("{communityId}/operators")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response assignOperator(@PathParam("communityId") String id, JsonNode body, @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "name community operators");
        communities.reader(operator, id);
        JsonFields fields = JsonFields.of(body);
        String username = fields.text("username");
        String password = fields.optionalText("password");
        if (password != null) {
            UserAccount account = access.control().directory().createUser(username, password, Role.COMMUNITY_OPERATOR,
                    null);
            access.control().audit().record(operator, null, "user.create", account.username() + " ("
                    + Role.COMMUNITY_OPERATOR.wire() + ")", "ok");
        }
        communities.communities().assignOperator(id, username);
        access.control().audit().record(operator, null, "community.operator", id + " = " + username, "ok");
        return Response.status(201).entity(Map.of("community", id, "username", username)).build();
    }

    /** The community's residual load per minute in [from, to) (default: the last hour), at most a week. */
    @GET
    @Path("{communityId}/residual")
    public Map<String, Object> residual(@PathParam("communityId") String id, @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam, @Context SecurityContext security) {
        Community community = communities.reader(CallerContext.of(security), id);
        Instant now = clock.instant();
        Instant to = QueryParams.instant(toParam, "to", now);
        Instant from = QueryParams.instant(fromParam, "from", to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from", "must be before 'to' (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw ApiException.badRequest("to", "at most " + MAX_PERIOD.toDays() + " days after 'from'");
        }
        List<MinuteView> minutes = repository.communityResiduals()
                .between(id, from, to, (int) MAX_PERIOD.toMinutes() + 1).stream().map(MinuteView::of).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("community", id);
        answer.put("from", from);
        answer.put("to", to);
        answer.put("limitWatts", community.limitWatts());
        answer.put("lowerLimitWatts", community.lowerLimitWatts());
        answer.put("minutes", minutes);
        return answer;
    }

    /**
     * The residual load as it stands (every member device's latest reading, summed every few
     * seconds), as the community agents last heard it; {@code measuredAt} null when none was
     * measured lately (no member has reported for a while).
     */
    @GET
    @Path("{communityId}/residual/latest")
    public Map<String, Object> latest(@PathParam("communityId") String id, @Context SecurityContext security) {
        Community community = communities.reader(CallerContext.of(security), id);
        Optional<CepOutput> output = signals.latest(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("community", id);
        answer.put("measuredAt", output.map(CepOutput::time).orElse(null));
        output.ifPresent(o -> o.values().forEach((key, value) -> answer.putIfAbsent(key, value)));
        answer.put("limitWatts", community.limitWatts());
        answer.put("lowerLimitWatts", community.lowerLimitWatts());
        return answer;
    }

    private CommunityView view(Community community) {
        return new CommunityView(community.id(), community.name(), community.parent(), community.limitWatts(),
                community.lowerLimitWatts(), community.created());
    }

    /** A community as the API shows it. */
    public record CommunityView(String id, String name, String parent, double limitWatts, double lowerLimitWatts,
            Instant created) {
    }

    /** One minute of a community's residual load. */
    public record MinuteView(Instant minuteStart, double demandWatts, double generationWatts, double batteryWatts,
            double residualWatts, int households) {

        static MinuteView of(CommunityResidual residual) {
            return new MinuteView(residual.minuteStart(), residual.demandWatts(), residual.generationWatts(),
                    residual.batteryWatts(), residual.residualWatts(), residual.households());
        }
    }
}
