package io.homegrid.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Energy communities, their member households and their operators. Each change is checked here
 * (ids, limits, a household joining twice) and refused with an {@link AccessException} naming the
 * field; who may make it is the API's business.
 */
public interface Communities {

    /** Records a new community; its created instant is set here. */
    Community create(Community request);

    /** New limits for a community; checked as at its creation. */
    Community limits(String id, double limitWatts, double lowerLimitWatts);

    List<Community> all();

    Optional<Community> community(String id);

    /** The community and all below it, at any depth. */
    Set<String> withDescendants(String id);

    /** @param by who joined the household, as the audit trail names them */
    CommunityMember join(String community, String household, String by);

    /** @return false when the household was not a member */
    boolean leave(String community, String household);

    List<CommunityMember> members(String community);

    /** The communities the household is a member of itself (not through a sub-community). */
    List<String> communitiesOf(String household);

    /** Lets a community operator see the community (and its sub-communities). */
    void assignOperator(String community, String username);

    /** The communities a community operator was assigned, without their sub-communities. */
    Set<String> operatedBy(String username);
}
