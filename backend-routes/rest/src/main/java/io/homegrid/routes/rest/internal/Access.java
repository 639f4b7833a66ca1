package io.homegrid.routes.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.homegrid.security.AccessControl;
import io.homegrid.security.Caller;
import io.homegrid.security.Grant;
import io.homegrid.security.Role;
import io.homegrid.security.Scope;

/**
 * What a caller may touch. Another household's things are answered 404, as if they did not
 * exist; what the caller can see but not do is answered 403. People see their own household
 * (operators every household); an application sees what its grants in force cover; a gateway
 * only uses its own gateway endpoints.
 */
public final class Access {

    private final AccessControl control;

    public Access(AccessControl control) {
        this.control = control;
    }

    public AccessControl control() {
        return control;
    }

    /**
     * How far a caller reaches into one household.
     *
     * @param grants empty for people of the household and operators, who see all of it
     */
    public record Reach(String household, List<Grant> grants) {

        public boolean full() {
            return grants.isEmpty();
        }

        /** Whether the caller may see this device at all. */
        boolean device(String device) {
            return full() || grants.stream().anyMatch(grant -> grant.devices().isEmpty() || grant.devices().contains(device));
        }

        /** Whether the caller may read this sensor kind of the device under this scope. */
        public boolean sensor(String device, String sensor, Scope scope) {
            return full() || grants.stream().anyMatch(grant -> covers(grant, device, sensor, scope));
        }

        /**
         * Whether one grant lets the caller read this sensor of the device under this scope from
         * {@code from} on: a grant's history limit holds for the devices it names, not for those
         * another grant names.
         */
        boolean reads(String device, String sensor, Scope scope, Instant from, Instant now) {
            return full() || grants.stream().anyMatch(grant -> covers(grant, device, sensor, scope)
                    && !from.isBefore(grant.earliest(now)));
        }

        /** A grant that names sensors covers only those: a request for all of them (null) is not covered. */
        private static boolean covers(Grant grant, String device, String sensor, Scope scope) {
            return grant.covers(scope, device, sensor)
                    && (grant.sensors().isEmpty() || sensor != null && grant.sensors().contains(sensor));
        }

        /** Refuses a period that starts before what the caller's grants let it read. */
        void since(Instant from, Instant now) {
            Instant earliest = earliest(now);
            if (from.isBefore(earliest)) {
                throw new ApiException(403, "from", "your grant covers data since " + earliest + " only");
            }
        }

        /** The earliest instant the caller may read. */
        Instant earliest(Instant now) {
            return full() ? Instant.MIN : grants.stream().map(grant -> grant.earliest(now)).min(Instant::compareTo)
                    .orElse(now);
        }
    }

    /** The gateway's own endpoints (push, device list, command poll and results): that gateway only. */
    public void ownGateway(Caller caller, String gateway) {
        if (!(caller instanceof Caller.Gateway self) || !self.name().equals(gateway)) {
            throw new ApiException(403, "gatewayId", "only gateway '" + gateway + "' itself, with its secret, may use this");
        }
    }

    /** Reading a gateway's data of this scope (null: any); 404 for a gateway the caller may not see. */
    public Reach gateway(Caller caller, String gateway, Scope scope) {
        String household = control.householdOf(gateway)
                .orElseThrow(() -> ApiException.notFound("gatewayId", "no gateway '" + gateway + "' is known"));
        return household(caller, household, scope, null, null, "gatewayId", "gateway '" + gateway + "'");
    }

    /** Reading or switching a device (of this sensor kind, null for any); 404 for one the caller may not see. */
    public Reach device(Caller caller, String device, String gateway, Scope scope, String sensor) {
        String household = control.householdOf(gateway)
                .orElseThrow(() -> ApiException.notFound("device", "no device '" + device + "' is known"));
        return household(caller, household, scope, device, sensor, "device", "device '" + device + "'");
    }

    /**
     * Reading a household's data of this scope on this sensor kind (the analyses: power): its people,
     * operators, and applications it granted; 404 for everybody else.
     */
    public Reach household(Caller caller, String household, Scope scope, String sensor) {
        requireHousehold(household);
        return household(caller, household, scope, null, sensor, "householdId", "household '" + household + "'");
    }

    private Reach household(Caller caller, String household, Scope scope, String device, String sensor, String field,
            String what) {
        if (caller instanceof Caller.User user && (user.operator() || user.memberOf(household))) {
            return new Reach(household, List.of());
        }
        if (caller instanceof Caller.Gateway) {
            throw new ApiException(403, field, "gateways only push and poll their commands");
        }
        if (!(caller instanceof Caller.Application application)) {
            throw ApiException.notFound(field, "no " + what + " is known");
        }
        List<Grant> inHousehold = control.grantsOf(application.name()).stream()
                .filter(grant -> grant.household().equals(household)).toList();
        if (inHousehold.isEmpty()) {
            throw ApiException.notFound(field, "no " + what + " is known");
        }
        List<Grant> covering = scope == null ? inHousehold
                : inHousehold.stream().filter(grant -> grant.covers(scope, device, sensor)).toList();
        if (covering.isEmpty()) {
            throw new ApiException(403, field, "no grant of this household gives you " + scope.wire() + " on " + what
                    + (sensor == null ? "" : " (" + sensor + ")"));
        }
        return new Reach(household, covering);
    }

    /**
     * The gateways whose data of this scope (null: any) the caller may read; null for an operator, who may read all.
     */
    public Set<String> gateways(Caller caller, Scope scope) {
        if (caller instanceof Caller.Gateway) {
            throw new ApiException(403, "Authorization", "gateways only push and poll their commands");
        }
        return control.readableGateways(caller, scope).orElse(null);
    }

    /** Operators and household admins (CEP statements, replays); everybody else is refused. */
    public Caller.User manager(Caller caller, String what) {
        if (caller instanceof Caller.User user && (user.operator() || user.role() == Role.HOUSEHOLD_ADMIN)) {
            return user;
        }
        throw new ApiException(403, "Authorization", "only operators and household admins may " + what);
    }

    /**
     * The household a manager's new statement or replay is for: a household admin's own, whatever
     * they name; an operator's the one named (null: none named). A named household must be one the
     * caller may see.
     */
    public String managedHousehold(Caller.User user, String named) {
        if (named != null) {
            member(user, named);
        }
        return user.operator() ? named : user.household();
    }

    /** Platform-wide administration: operators only. */
    public Caller.User operator(Caller caller, String what) {
        if (caller instanceof Caller.User user && user.operator()) {
            return user;
        }
        throw new ApiException(403, "Authorization", "only operators may " + what);
    }

    /** Seeing a household: its people and operators (and nobody else even learns it exists). */
    public void member(Caller caller, String household) {
        requireHousehold(household);
        if (!(caller instanceof Caller.User user && (user.operator() || user.memberOf(household)))) {
            throw ApiException.notFound("householdId", "no household '" + household + "'");
        }
    }

    /** Managing a household (gateways, users, grants): its admins and operators. */
    public Caller.User admin(Caller caller, String household, String what) {
        member(caller, household);
        Caller.User user = (Caller.User) caller;
        if (user.operator() || user.role() == Role.HOUSEHOLD_ADMIN) {
            return user;
        }
        throw new ApiException(403, "Authorization", "only the household's admins may " + what);
    }

    private void requireHousehold(String household) {
        QueryParams.id(household, "householdId");
        if (control.directory().household(household).isEmpty()) {
            throw ApiException.notFound("householdId", "no household '" + household + "'");
        }
    }
}
