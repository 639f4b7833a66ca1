package io.homegrid.routes.rest.internal;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.CommandResult;
import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Household;

/**
 * A signed bundle rolled out to many gateways (one, a household's, or all), one gateway after
 * another, and each gateway's outcome as it comes. Operators only. Rollouts are kept in memory:
 * a backend restart ends the ones in progress (the gateways keep what they installed).
 */
@Path("/api/v1/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public final class RolloutResource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutResource.class);

    private final Access access;
    private final GatewayAdministration administration;
    private final Clock clock;
    private final Map<Long, Rollout> rollouts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bundle-rollouts");
        thread.setDaemon(true);
        return thread;
    });

    /** One rollout: the bundle, and each target gateway's outcome ({@code pending} until it answered). */
    private record Rollout(long id, BundleJar jar, Instant started, Map<String, Map<String, String>> gateways) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", id);
            view.put("bundle", Map.of("symbolicName", jar.symbolicName(), "version", jar.version()));
            view.put("started", started.toString());
            view.put("done", gateways.values().stream().noneMatch(g -> "pending".equals(g.get("outcome"))));
            view.put("gateways", gateways);
            return view;
        }
    }

    public RolloutResource(Access access, GatewayAdministration administration, Clock clock) {
        this.access = access;
        this.administration = administration;
        this.clock = clock;
    }

    /** Exactly one target: {@code gateway}, {@code household}, or {@code all=true}; the signed jar as the body. */
    @POST
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM})
    public Response start(@QueryParam("gateway") String gateway, @QueryParam("household") String household,
            @QueryParam("all") String all, InputStream body, @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
            @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "roll out bundles");
        List<String> targets = targets(gateway, household, all);
        BundleJar jar = BundleJar.of(BodyReader.read(body, length, BundleJar.MAX_BYTES));
        Map<String, Map<String, String>> outcomes = new LinkedHashMap<>();
        targets.forEach(g -> outcomes.put(g, new ConcurrentHashMap<>(Map.of("outcome", "pending"))));
        Rollout rollout = new Rollout(ids.incrementAndGet(), jar, clock.instant(), outcomes);
        rollouts.put(rollout.id(), rollout);
        worker.execute(() -> run(rollout, operator));
        return Response.accepted(rollout.view()).build();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> progress(@PathParam("id") String id, @Context SecurityContext security) {
        access.operator(CallerContext.of(security), "see rollouts");
        Rollout rollout;
        try {
            rollout = rollouts.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id", "a rollout id is a number");
        }
        if (rollout == null) {
            throw ApiException.notFound("id", "no rollout " + id);
        }
        return rollout.view();
    }

    private List<String> targets(String gateway, String household, String all) {
        int named = (gateway == null ? 0 : 1) + (household == null ? 0 : 1) + ("true".equals(all) ? 1 : 0);
        if (named != 1) {
            throw ApiException.badRequest("gateway", "name exactly one target: gateway=…, household=… or all=true");
        }
        if (gateway != null) {
            QueryParams.id(gateway, "gateway");
            access.control().householdOf(gateway)
                    .orElseThrow(() -> ApiException.notFound("gateway", "no gateway '" + gateway + "' is known"));
            return List.of(gateway);
        }
        List<String> gateways = new ArrayList<>();
        if (household != null) {
            QueryParams.id(household, "household");
            access.control().directory().household(household)
                    .orElseThrow(() -> ApiException.notFound("household", "no household '" + household + "'"));
            access.control().directory().gateways(household).forEach(g -> gateways.add(g.gateway()));
        } else {
            for (Household each : access.control().directory().households()) {
                access.control().directory().gateways(each.id()).stream().map(GatewayRegistration::gateway)
                        .forEach(gateways::add);
            }
        }
        if (gateways.isEmpty()) {
            throw ApiException.badRequest(household != null ? "household" : "all", "no gateway is registered there");
        }
        return gateways;
    }

    private void run(Rollout rollout, Caller.User operator) {
        for (Map.Entry<String, Map<String, String>> target : rollout.gateways().entrySet()) {
            String gateway = target.getKey();
            try {
                String household = access.control().householdOf(gateway).orElseThrow();
                CommandResult result = administration.send(gateway, GatewayBundlesResource.command(rollout.jar()),
                        GatewayBundlesResource.INSTALL_TIMEOUT, new GatewayAdministration.Managed(operator, household),
                        "gateway.bundle " + rollout.jar().symbolicName() + " " + rollout.jar().version(), "bundle");
                target.getValue().put("outcome", result.outcome());
            } catch (ApiException e) {
                target.getValue().put("outcome", e.status() == 504 ? "no answer" : "not installed");
                target.getValue().put("reason", e.getMessage());
            } catch (RuntimeException | JsonProcessingException e) {
                LOG.error("Rollout {}: gateway {} failed", rollout.id(), gateway, e);
                target.getValue().put("outcome", "failed");
                target.getValue().put("reason", String.valueOf(e.getMessage()));
            }
        }
        LOG.info("Rollout {} of {} {} done: {}", rollout.id(), rollout.jar().symbolicName(), rollout.jar().version(),
                rollout.gateways());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
