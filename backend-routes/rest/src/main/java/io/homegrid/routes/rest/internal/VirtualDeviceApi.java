package io.homegrid.routes.rest.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.persistence.analysis.DayView;
import io.homegrid.persistence.analysis.EnergyAnalysis;
import io.homegrid.persistence.analysis.VirtualDevice;
import io.homegrid.persistence.analysis.VirtualDevices;
import io.homegrid.persistence.analysis.WeekdayProfile;
import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Scope;

/**
 * A household's virtual devices (issue 14): named groups of its devices that its admins write and
 * that are queried like a device. The analyses of a group are the household's analyses on its
 * members, so a caller sees of a group what it may see of each member.
 */
public final class VirtualDeviceApi {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final int MAX_MEMBERS = 100;

    private final Access access;
    private final SensorDataRepository repository;
    private final HouseholdAnalyses analyses;
    private final Clock clock;

    public VirtualDeviceApi(Access access, SensorDataRepository repository, HouseholdAnalyses analyses, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.analyses = analyses;
        this.clock = clock;
    }

    List<VirtualDevice> list(Caller caller, String household) {
        access.household(caller, household, Scope.AGGREGATES_READ, null);
        return repository.virtualDevices().of(household);
    }

    VirtualDevice one(Caller caller, String household, String name) {
        access.household(caller, household, Scope.AGGREGATES_READ, null);
        return find(household, name);
    }

    /** {@code {"name":"kitchen","devices":["kettle","oven","fridge"]}}: only the household's own devices. */
    VirtualDevice create(Caller caller, String household, JsonNode body) {
        Caller.User admin = access.admin(caller, household, "define virtual devices");
        JsonFields fields = JsonFields.of(body);
        String name = fields.text("name");
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name", "1 to 40 lower-case letters, digits and '-', starting with a letter or "
                    + "digit; was '" + name + "'");
        }
        Set<String> members = fields.texts("devices");
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw ApiException.badRequest("devices", "a list of 1 to " + MAX_MEMBERS + " of the household's devices");
        }
        Set<String> own = householdDevices(household);
        for (String member : members) {
            if (!own.contains(member)) {
                throw ApiException.badRequest("devices", "'" + member + "' is not a device of this household");
            }
        }
        VirtualDevice device = new VirtualDevice(household, name, new ArrayList<>(members), clock.instant(), admin.name());
        try {
            repository.virtualDevices().create(device);
        } catch (VirtualDevices.NameTaken e) {
            throw new ApiException(409, "name", e.getMessage());
        }
        access.control().audit().record(admin, household, "virtual-device.create", name + " = " + members, "ok");
        return device;
    }

    void delete(Caller caller, String household, String name) {
        Caller.User admin = access.admin(caller, household, "remove virtual devices");
        if (!repository.virtualDevices().delete(household, name)) {
            throw ApiException.notFound("name", "no virtual device '" + name + "'");
        }
        access.control().audit().record(admin, household, "virtual-device.delete", name, "ok");
    }

    EnergyAnalysis.Report energy(Caller caller, String household, String name, String from, String to, String bucket,
            String tz, String by) {
        return analyses.energy(caller, household, from, to, bucket, tz, members(caller, household, name), by);
    }

    WeekdayProfile.Report profile(Caller caller, String household, String name, String weeks, String slot, String tz,
            String by) {
        return analyses.profile(caller, household, weeks, slot, tz, members(caller, household, name), by);
    }

    DayView.Report day(Caller caller, String household, String name, String date, String bucket, String tz) {
        return analyses.day(caller, household, date, bucket, tz, members(caller, household, name));
    }

    private List<String> members(Caller caller, String household, String name) {
        return one(caller, household, name).devices();
    }

    private VirtualDevice find(String household, String name) {
        return repository.virtualDevices().get(household, name)
                .orElseThrow(() -> ApiException.notFound("name", "no virtual device '" + name + "'"));
    }

    private Set<String> householdDevices(String household) {
        Set<String> devices = new java.util.HashSet<>();
        for (GatewayRegistration gateway : access.control().directory().gateways(household)) {
            repository.devicesOf(gateway.gateway()).orElse(List.of()).stream().map(DeviceView::device)
                    .forEach(devices::add);
        }
        return devices;
    }
}
