package io.homegrid.cep.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.cep.VirtualDeviceGroups;

/**
 * A gateway's household's virtual devices from {@code virtual_device}, read again at most every
 * {@link #REFRESH}: a group written through the API reaches the engine within that. While the
 * database cannot be read, the groups last read stay in force.
 */
public final class JdbcVirtualDeviceGroups implements VirtualDeviceGroups {

    public static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcVirtualDeviceGroups.class);
    private static final String SQL = "SELECT v.name, v.devices FROM virtual_device v "
            + "JOIN gateway_registration g ON g.household_id = v.household_id WHERE g.gateway_id = ?";

    private record Read(long at, Map<String, Set<String>> groups) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    public JdbcVirtualDeviceGroups(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Map<String, Set<String>> of(String gateway) {
        long now = clock.millis();
        Read last = reads.get(gateway);
        if (last != null && now - last.at() < REFRESH.toMillis()) {
            return last.groups();
        }
        try {
            Read read = new Read(now, read(gateway));
            reads.put(gateway, read);
            return read.groups();
        } catch (SQLException e) {
            LOG.warn("[{}] virtual devices not read again, the last ones read stay: {}", gateway, e.getMessage());
            return last == null ? Map.of() : last.groups();
        }
    }

    private Map<String, Set<String>> read(String gateway) throws SQLException {
        Map<String, Set<String>> groups = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL)) {
            s.setString(1, gateway);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    groups.put(rs.getString(1), Set.copyOf(new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(2)
                            .getArray()))));
                }
            }
        }
        return Map.copyOf(groups);
    }
}
