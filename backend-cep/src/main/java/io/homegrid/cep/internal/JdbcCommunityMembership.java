package io.homegrid.cep.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.cep.CommunityMembership;

/**
 * The member gateways of every community from {@code community_member}, each counted in its
 * community and every one above, read again at most every {@link #REFRESH}. While the database
 * cannot be read, the membership last read stays in force.
 */
public final class JdbcCommunityMembership implements CommunityMembership {

    public static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCommunityMembership.class);
    private static final String SQL = "WITH RECURSIVE up(household_id, community_id) AS ("
            + "SELECT household_id, community_id FROM community_member UNION "
            + "SELECT u.household_id, c.parent_id FROM up u JOIN community c ON c.community_id = u.community_id "
            + "WHERE c.parent_id IS NOT NULL) "
            + "SELECT g.gateway_id, g.household_id, u.community_id FROM up u "
            + "JOIN gateway_registration g ON g.household_id = u.household_id";

    private final DataSource dataSource;
    private final Clock clock;
    private volatile long readAt = Long.MIN_VALUE;
    private volatile Map<String, Member> last = Map.of();

    public JdbcCommunityMembership(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Map<String, Member> gateways() {
        long now = clock.millis();
        if (readAt != Long.MIN_VALUE && now - readAt < REFRESH.toMillis()) {
            return last;
        }
        try {
            last = read();
        } catch (SQLException e) {
            LOG.warn("Community membership not read again, the last one read stays: {}", e.getMessage());
        }
        readAt = now;
        return last;
    }

    private Map<String, Member> read() throws SQLException {
        Map<String, String> households = new HashMap<>();
        Map<String, Set<String>> communities = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                households.put(rs.getString(1), rs.getString(2));
                communities.computeIfAbsent(rs.getString(1), gateway -> new HashSet<>()).add(rs.getString(3));
            }
        }
        Map<String, Member> members = new HashMap<>();
        households.forEach((gateway, household) -> members.put(gateway, new Member(household, communities.get(gateway))));
        return Map.copyOf(members);
    }
}
