package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code gateway.last_seen} to within a second, after the readings' transaction: updated
 * inside it, the gateway's row lock would serialise every writer that stores that gateway.
 */
final class GatewaysSeen {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaysSeen.class);
    private static final long EVERY_MILLIS = 1_000;

    private final DataSource dataSource;
    private final Map<String, Long> touched = new ConcurrentHashMap<>();

    GatewaysSeen(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void touch(Collection<String> gateways) {
        long now = System.currentTimeMillis();
        TreeSet<String> due = new TreeSet<>();
        for (String gateway : gateways) {
            Long last = touched.get(gateway);
            if (last == null || now - last >= EVERY_MILLIS) {
                due.add(gateway);
                touched.put(gateway, now);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE gateway SET last_seen = greatest(last_seen, now()) WHERE gateway_id = ANY (?)")) {
            connection.setAutoCommit(true);
            update.setArray(1, connection.createArrayOf("text", due.toArray()));
            update.executeUpdate();
        } catch (SQLException e) {
            // The readings are stored; a stale last_seen is corrected by the next write.
            due.forEach(touched::remove);
            LOG.warn("Could not update last_seen of {} gateway(s): {}", due.size(), e.toString());
        }
    }
}
