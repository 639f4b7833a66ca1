package io.homegrid.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.homegrid.model.validation.Identifiers;
import io.homegrid.security.AccessException;
import io.homegrid.security.AccessException.Kind;
import io.homegrid.security.Communities;
import io.homegrid.security.Community;
import io.homegrid.security.CommunityMember;
import io.homegrid.security.Role;

/** Communities in PostgreSQL (schema V10). */
public final class JdbcCommunities implements Communities {

    /** Deeper nesting than this is refused: a region, its districts, their streets, their blocks. */
    static final int MAX_DEPTH = 4;
    /** A community's limits are its residual load, which a few thousand homes keep well within. */
    static final double MAX_WATTS = 1e9;

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcCommunities(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    @Override
    public Community create(Community request) {
        if (!Identifiers.isValid(request.id())) {
            throw new AccessException(Kind.INVALID, "id", Identifiers.rule());
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw new AccessException(Kind.INVALID, "name", "1 to 200 characters");
        }
        limits(request.limitWatts(), request.lowerLimitWatts());
        if (request.parent() != null) {
            if (community(request.parent()).isEmpty()) {
                throw new AccessException(Kind.INVALID, "parent", "no community '" + request.parent() + "'");
            }
            if (depth(request.parent()) >= MAX_DEPTH) {
                throw new AccessException(Kind.INVALID, "parent", "communities nest at most " + MAX_DEPTH + " deep");
            }
        }
        Community community = new Community(request.id(), request.name().strip(), request.parent(), request.limitWatts(),
                request.lowerLimitWatts(), clock.instant());
        try {
            jdbc.update("INSERT INTO community (community_id, name, parent_id, limit_w, lower_limit_w, created) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", community.id(), community.name(), community.parent(),
                    community.limitWatts(), community.lowerLimitWatts(), community.created());
        } catch (Jdbc.DuplicateKeyException e) {
            throw new AccessException(Kind.CONFLICT, "id", "community '" + request.id() + "' exists");
        }
        return community;
    }

    @Override
    public Community limits(String id, double limitWatts, double lowerLimitWatts) {
        limits(limitWatts, lowerLimitWatts);
        requireCommunity(id);
        jdbc.update("UPDATE community SET limit_w = ?, lower_limit_w = ? WHERE community_id = ?", limitWatts,
                lowerLimitWatts, id);
        return community(id).orElseThrow();
    }

    @Override
    public List<Community> all() {
        return jdbc.query("SELECT * FROM community ORDER BY community_id", JdbcCommunities::community);
    }

    @Override
    public Optional<Community> community(String id) {
        return jdbc.query("SELECT * FROM community WHERE community_id = ?", JdbcCommunities::community, id).stream()
                .findFirst();
    }

    @Override
    public Set<String> withDescendants(String id) {
        return new LinkedHashSet<>(jdbc.query("WITH RECURSIVE below(id) AS (SELECT ?::text UNION "
                + "SELECT c.community_id FROM community c JOIN below b ON c.parent_id = b.id) SELECT id FROM below",
                row -> row.getString(1), id));
    }

    @Override
    public CommunityMember join(String community, String household, String by) {
        requireCommunity(community);
        CommunityMember member = new CommunityMember(community, household, clock.instant(), by);
        try {
            jdbc.update("INSERT INTO community_member (community_id, household_id, joined, joined_by) VALUES (?, ?, ?, ?)",
                    community, household, member.joined(), by);
        } catch (Jdbc.DuplicateKeyException e) {
            throw new AccessException(Kind.INVALID, "householdId", "household '" + household
                    + "' is a member of community '" + community + "' already");
        }
        return member;
    }

    @Override
    public boolean leave(String community, String household) {
        return jdbc.update("DELETE FROM community_member WHERE community_id = ? AND household_id = ?", community,
                household) > 0;
    }

    @Override
    public List<CommunityMember> members(String community) {
        return jdbc.query("SELECT * FROM community_member WHERE community_id = ? ORDER BY joined, household_id",
                row -> new CommunityMember(row.getString("community_id"), row.getString("household_id"),
                        Jdbc.instant(row, "joined"), row.getString("joined_by")), community);
    }

    @Override
    public List<String> communitiesOf(String household) {
        return jdbc.query("SELECT community_id FROM community_member WHERE household_id = ? ORDER BY community_id",
                row -> row.getString(1), household);
    }

    @Override
    public void assignOperator(String community, String username) {
        requireCommunity(community);
        List<String> roles = jdbc.query("SELECT role FROM app_user WHERE username = ?", row -> row.getString(1), username);
        if (roles.isEmpty()) {
            throw new AccessException(Kind.NOT_FOUND, "username", "no user '" + username + "'");
        }
        if (!Role.COMMUNITY_OPERATOR.wire().equals(roles.get(0))) {
            throw new AccessException(Kind.INVALID, "username", "'" + username + "' is a " + roles.get(0)
                    + ", not a " + Role.COMMUNITY_OPERATOR.wire());
        }
        jdbc.update("INSERT INTO community_operator (community_id, username) VALUES (?, ?) ON CONFLICT DO NOTHING",
                community, username);
    }

    @Override
    public Set<String> operatedBy(String username) {
        return new LinkedHashSet<>(jdbc.query("SELECT community_id FROM community_operator WHERE username = ? "
                + "ORDER BY community_id", row -> row.getString(1), username));
    }

    private int depth(String id) {
        return jdbc.query("WITH RECURSIVE above(id, parent) AS (SELECT community_id, parent_id FROM community "
                + "WHERE community_id = ? UNION ALL SELECT c.community_id, c.parent_id FROM community c "
                + "JOIN above a ON c.community_id = a.parent) SELECT count(*) FROM above", row -> row.getInt(1), id).get(0);
    }

    private void requireCommunity(String community) {
        if (community(community).isEmpty()) {
            throw new AccessException(Kind.NOT_FOUND, "communityId", "no community '" + community + "'");
        }
    }

    private static void limits(double limitWatts, double lowerLimitWatts) {
        watts(limitWatts, "limitWatts");
        watts(lowerLimitWatts, "lowerLimitWatts");
        if (lowerLimitWatts > limitWatts) {
            throw new AccessException(Kind.INVALID, "lowerLimitWatts", "must not be above limitWatts (" + limitWatts
                    + " W); was " + lowerLimitWatts + " W");
        }
    }

    private static void watts(double value, String field) {
        if (!Double.isFinite(value) || Math.abs(value) > MAX_WATTS) {
            throw new AccessException(Kind.INVALID, field, "watts between -" + MAX_WATTS + " and " + MAX_WATTS);
        }
    }

    private static Community community(ResultSet row) throws SQLException {
        return new Community(row.getString("community_id"), row.getString("name"), row.getString("parent_id"),
                row.getDouble("limit_w"), row.getDouble("lower_limit_w"), Jdbc.instant(row, "created"));
    }
}
