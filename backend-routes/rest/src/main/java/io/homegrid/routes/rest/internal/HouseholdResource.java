package io.homegrid.routes.rest.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.persistence.analysis.DayView;
import io.homegrid.persistence.analysis.EnergyAnalysis;
import io.homegrid.persistence.analysis.TopConsumers;
import io.homegrid.persistence.analysis.VirtualDevice;
import io.homegrid.persistence.analysis.WeekdayProfile;
import io.homegrid.security.Caller;
import io.homegrid.security.Household;
import io.homegrid.security.Role;
import io.homegrid.security.UserAccount;
import io.homegrid.sharing.Webhooks;

/**
 * Households (created by operators), their people (managed by the household's admins) and their
 * analyses (read by their people and granted applications).
 */
@Path("/api/v1/households")
@Produces(MediaType.APPLICATION_JSON)
public final class HouseholdResource {

    private final Access access;
    private final HouseholdAnalyses analyses;
    private final VirtualDeviceApi virtualDevices;
    private final Webhooks webhooks;

    public HouseholdResource(Access access, HouseholdAnalyses analyses, VirtualDeviceApi virtualDevices,
            Webhooks webhooks) {
        this.webhooks = webhooks;
        this.virtualDevices = virtualDevices;
        this.access = access;
        this.analyses = analyses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body, @Context SecurityContext security) {
        Caller.User operator = access.operator(CallerContext.of(security), "create households");
        JsonFields fields = JsonFields.of(body);
        String name = fields.text("name");
        String zone = fields.optionalText("timeZone");
        ZoneId timeZone;
        try {
            timeZone = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timeZone", "'" + zone + "' is not a time zone such as Europe/Berlin");
        }
        Household household = access.control().directory().createHousehold(name, timeZone);
        access.control().audit().record(operator, household.id(), "household.create", household.id(), "ok");
        return Response.status(201).entity(household).build();
    }

    /** Every household for operators; one's own for everyone else. */
    @GET
    public Map<String, Object> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller caller = CallerContext.of(security);
        List<Household> all = access.control().directory().households();
        if (!(caller instanceof Caller.User user && user.operator())) {
            String own = caller instanceof Caller.User user ? user.household() : null;
            all = all.stream().filter(household -> household.id().equals(own)).toList();
        }
        return Paging.answer("households", all, Household::id, cursor, limit);
    }

    @GET
    @Path("{householdId}")
    public Household one(@PathParam("householdId") String household, @Context SecurityContext security) {
        access.member(CallerContext.of(security), household);
        return access.control().directory().household(household).orElseThrow();
    }

    @GET
    @Path("{householdId}/users")
    public Map<String, Object> users(@PathParam("householdId") String household, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        access.admin(CallerContext.of(security), household, "list the household's users");
        return Paging.answer("users", access.control().directory().users(household), UserAccount::username, cursor, limit);
    }

    /** {@code {"username":…,"password":…,"role":"resident"|"household-admin"}} */
    @POST
    @Path("{householdId}/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addUser(@PathParam("householdId") String household, JsonNode body, @Context SecurityContext security) {
        Caller.User admin = access.admin(CallerContext.of(security), household, "add users");
        JsonFields fields = JsonFields.of(body);
        String roleName = fields.optionalText("role");
        Role role = roleName == null ? Role.RESIDENT : Role.of(roleName)
                .filter(r -> !r.householdless())
                .orElseThrow(() -> ApiException.badRequest("role", "'resident' or 'household-admin'"));
        UserAccount account = access.control().directory().createUser(fields.text("username"), fields.text("password"),
                role, household);
        access.control().audit().record(admin, household, "user.create", account.username() + " (" + role.wire() + ")", "ok");
        return Response.status(201).entity(account).build();
    }

    /** Issue 14: energy per local bucket, with what was not measured ({@link HouseholdAnalyses}). */
    @GET
    @Path("{householdId}/energy")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public EnergyAnalysis.Report energy(@PathParam("householdId") String household, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket, @QueryParam("tz") String tz,
            @QueryParam("device") List<String> devices, @QueryParam("by") String by, @Context SecurityContext security) {
        return analyses.energy(CallerContext.of(security), household, from, to, bucket, tz, devices, by);
    }

    /** Issue 14, the paper's Figure 3: average power per weekday and local slot over the last weeks. */
    @GET
    @Path("{householdId}/profile")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public WeekdayProfile.Report profile(@PathParam("householdId") String household, @QueryParam("weeks") String weeks,
            @QueryParam("slot") String slot, @QueryParam("tz") String tz, @QueryParam("device") List<String> devices,
            @QueryParam("by") String by, @Context SecurityContext security) {
        return analyses.profile(CallerContext.of(security), household, weeks, slot, tz, devices, by);
    }

    /** Issue 14, the paper's Figure 4: one local day, device by device. */
    @GET
    @Path("{householdId}/day")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public DayView.Report day(@PathParam("householdId") String household, @QueryParam("date") String date,
            @QueryParam("bucket") String bucket, @QueryParam("tz") String tz, @QueryParam("device") List<String> devices,
            @Context SecurityContext security) {
        return analyses.day(CallerContext.of(security), household, date, bucket, tz, devices);
    }

    /** Issue 14: devices ranked by energy, with cost, share and standby. */
    @GET
    @Path("{householdId}/consumers")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public TopConsumers.Report consumers(@PathParam("householdId") String household, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("tariff") String tariff, @QueryParam("tz") String tz,
            @QueryParam("device") List<String> devices, @Context SecurityContext security) {
        return analyses.consumers(CallerContext.of(security), household, from, to, tariff, tz, devices);
    }

    /** Issue 14: the household's virtual devices, named groups of its devices ({@link VirtualDeviceApi}). */
    @GET
    @Path("{householdId}/virtual-devices")
    public Map<String, Object> virtualDevices(@PathParam("householdId") String household,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit, @Context SecurityContext security) {
        return Paging.answer("virtualDevices", virtualDevices.list(CallerContext.of(security), household),
                VirtualDevice::name, cursor, limit);
    }

    /** {@code {"name":"kitchen","devices":["kettle","oven","fridge"]}} → 201; household admins. */
    @POST
    @Path("{householdId}/virtual-devices")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addVirtualDevice(@PathParam("householdId") String household, JsonNode body,
            @Context SecurityContext security) {
        return Response.status(201).entity(virtualDevices.create(CallerContext.of(security), household, body)).build();
    }

    @GET
    @Path("{householdId}/virtual-devices/{name}")
    public VirtualDevice virtualDevice(@PathParam("householdId") String household, @PathParam("name") String name,
            @Context SecurityContext security) {
        return virtualDevices.one(CallerContext.of(security), household, name);
    }

    @DELETE
    @Path("{householdId}/virtual-devices/{name}")
    public Response removeVirtualDevice(@PathParam("householdId") String household, @PathParam("name") String name,
            @Context SecurityContext security) {
        virtualDevices.delete(CallerContext.of(security), household, name);
        return Response.noContent().build();
    }

    /** A virtual device's energy: the household's energy analysis on its members. */
    @GET
    @Path("{householdId}/virtual-devices/{name}/energy")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public EnergyAnalysis.Report virtualDeviceEnergy(@PathParam("householdId") String household,
            @PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("bucket") String bucket, @QueryParam("tz") String tz, @QueryParam("by") String by,
            @Context SecurityContext security) {
        return virtualDevices.energy(CallerContext.of(security), household, name, from, to, bucket, tz, by);
    }

    @GET
    @Path("{householdId}/virtual-devices/{name}/profile")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public WeekdayProfile.Report virtualDeviceProfile(@PathParam("householdId") String household,
            @PathParam("name") String name, @QueryParam("weeks") String weeks, @QueryParam("slot") String slot,
            @QueryParam("tz") String tz, @QueryParam("by") String by, @Context SecurityContext security) {
        return virtualDevices.profile(CallerContext.of(security), household, name, weeks, slot, tz, by);
    }

    /** A virtual device's members over one local day, and their total: its power series. */
    @GET
    @Path("{householdId}/virtual-devices/{name}/day")
    @Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
    public DayView.Report virtualDeviceDay(@PathParam("householdId") String household, @PathParam("name") String name,
            @QueryParam("date") String date, @QueryParam("bucket") String bucket, @QueryParam("tz") String tz,
            @Context SecurityContext security) {
        return virtualDevices.day(CallerContext.of(security), household, name, date, bucket, tz);
    }

    /** Issue 14, data sharing: what each registered service received of this household, and how its deliveries go. */
    @GET
    @Path("{householdId}/sharing")
    public Map<String, Object> sharing(@PathParam("householdId") String household, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        access.admin(CallerContext.of(security), household, "see what the household shares");
        return Paging.answer("services", webhooks.household(household), Webhooks.HouseholdStatus::application, cursor,
                limit);
    }
}
