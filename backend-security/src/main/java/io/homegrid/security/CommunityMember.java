package io.homegrid.security;

import java.time.Instant;

/** A household's membership of a community, which lets the community see its net load and nothing else. */
public record CommunityMember(String community, String household, Instant joined, String joinedBy) {
}
