package io.homegrid.routes.rest.internal;

import java.util.Set;

import io.homegrid.security.Caller;
import io.homegrid.security.Communities;
import io.homegrid.security.Community;
import io.homegrid.security.Role;

/**
 * Who sees a community: operators; its community operators (and those of a community above it);
 * the people and gateways of the households counted in it (members of it or of a community below
 * it). A community is the households' aggregate only: none of them sees a member's devices here.
 * Everybody else is answered 404, as if it did not exist.
 */
public final class CommunityAccess {

    private final Access access;

    public CommunityAccess(Access access) {
        this.access = access;
    }

    Communities communities() {
        return access.control().communities();
    }

    /** Reading the community and its residual load. */
    public Community reader(Caller caller, String id) {
        Community community = find(id);
        if (caller instanceof Caller.User user && (user.operator() || operates(user, id))
                || householdIn(caller, id)) {
            return community;
        }
        throw unknown(id);
    }

    /** Seeing the members and changing the limits: operators and the community's operators. */
    Caller.User manager(Caller caller, String id) {
        reader(caller, id);
        if (caller instanceof Caller.User user && (user.operator() || operates(user, id))) {
            return user;
        }
        throw new ApiException(403, "Authorization", "only operators and the community's operators may see its members "
                + "and change its limits");
    }

    /** Whether the caller sees the community in its list. */
    boolean sees(Caller caller, String id) {
        try {
            reader(caller, id);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private boolean operates(Caller.User user, String id) {
        if (user.role() != Role.COMMUNITY_OPERATOR) {
            return false;
        }
        return communities().operatedBy(user.name()).stream().anyMatch(above -> communities().withDescendants(above)
                .contains(id));
    }

    private boolean householdIn(Caller caller, String id) {
        String household = caller instanceof Caller.User user ? user.household()
                : caller instanceof Caller.Gateway gateway ? gateway.household() : null;
        if (household == null) {
            return false;
        }
        Set<String> counted = communities().withDescendants(id);
        return communities().communitiesOf(household).stream().anyMatch(counted::contains);
    }

    private Community find(String id) {
        QueryParams.id(id, "communityId");
        return communities().community(id).orElseThrow(() -> unknown(id));
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("communityId", "no community '" + id + "'");
    }
}
