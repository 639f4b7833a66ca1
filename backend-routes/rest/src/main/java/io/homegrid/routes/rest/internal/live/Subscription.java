package io.homegrid.routes.rest.internal.live;

import java.util.Set;

import io.homegrid.routes.rest.internal.Access;
import io.homegrid.security.Scope;

/**
 * What one subscription of a socket asks for: either within what the caller may see of a
 * household, checked when it is made ({@code live:read} on the household) and for each message
 * (the device and sensor a grant names); or a community's residual load, for those who may read
 * the community.
 *
 * @param household null for a community's subscription
 * @param sensors   empty: every sensor kind
 * @param devices   empty: every device the caller may see; a virtual device's members when one was named
 * @param kinds     {@code reading}, {@code relay} (switches), {@code device} (joins and leaves),
 *                  {@code aggregate}, {@code event}, {@code replay}; {@code community} alone for a community's
 * @param community null for a household's subscription
 */
record Subscription(String id, String household, Set<String> gateways, Set<String> devices, Set<String> sensors,
        Set<String> kinds, Access.Reach reach, String community) {

    static final Set<String> KINDS = Set.of("reading", "relay", "device", "aggregate", "event", "replay");
    static final String COMMUNITY = "community";

    /** A community's residual load: each minute's, and as it stands every few seconds. */
    static Subscription ofCommunity(String id, String community) {
        return new Subscription(id, null, Set.of(), Set.of(), Set.of(), Set.of(COMMUNITY), null, community);
    }

    /** The same subscription under what the caller's grants allow now. */
    Subscription within(Access.Reach now) {
        return new Subscription(id, household, gateways, devices, sensors, kinds, now, community);
    }

    boolean matches(LiveMessage message) {
        if (!kinds.contains(message.kind())) {
            return false;
        }
        if (COMMUNITY.equals(message.kind())) {
            return community != null && community.equals(message.community());
        }
        if ("replay".equals(message.kind())) {
            return household.equals(message.household()) && reach.full();
        }
        if (message.gateway() == null || !gateways.contains(message.gateway())) {
            return false;
        }
        if (message.device() == null) {
            // a household-wide output sums every device: for those who may see all of them
            return devices.isEmpty() && reach.full();
        }
        return (devices.isEmpty() || devices.contains(message.device()))
                && (message.sensor() == null || sensors.isEmpty() || sensors.contains(message.sensor()))
                && reach.sensor(message.device(), message.sensor() == null ? "power" : message.sensor(), Scope.LIVE_READ);
    }
}
