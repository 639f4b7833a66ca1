package io.homegrid.cep;

import java.util.Map;
import java.util.Set;

/**
 * Which communities each gateway's household counts in: those it joined and every community
 * above them. The engine sums the members' minute power into each community's residual load.
 * Answers may lag a change by the implementation's refresh.
 */
@FunctionalInterface
public interface CommunityMembership {

    /** No household is in a community. */
    CommunityMembership NONE = Map::of;

    /** Gateway → the communities its household counts in; gateways of no community are absent. */
    Map<String, Member> gateways();

    /** A member gateway: its household, and the communities that household counts in. */
    record Member(String household, Set<String> communities) {

        public Member {
            communities = Set.copyOf(communities);
        }
    }
}
