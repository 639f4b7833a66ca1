package io.homegrid.sharing.internal;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.homegrid.sharing.Webhooks;

/** The webhooks, their outbox of items and their counters, in PostgreSQL. */
public final class WebhookStore {

    /** PostgreSQL's foreign_key_violation: the application does not exist. */
    private static final String NO_SUCH_APPLICATION = "23503";

    /** An item waiting for its endpoint. */
    public record Due(long id, String household, String key, String kind, String body) {
    }

    /**
     * Where an application's items go, the key they are signed with, and how many attempts in a
     * row failed.
     */
    public record Target(URI url, byte[] key, int attempts) {
    }

    private final DataSource dataSource;

    public WebhookStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Set<String> applications() {
        Set<String> applications = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT client_id FROM webhook");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                applications.add(rs.getString(1));
            }
            return applications;
        } catch (SQLException e) {
            throw new SharingStoreException("cannot read the webhooks", e);
        }
    }

    public void register(String application, URI url, byte[] key, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO webhook (client_id, url, signing_key, created) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET url = excluded.url, "
                        + "signing_key = excluded.signing_key, created = excluded.created, failing_since = NULL, "
                        + "attempts = 0, next_attempt = NULL")) {
            s.setString(1, application);
            s.setString(2, url.toString());
            s.setBytes(3, key);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            if (NO_SUCH_APPLICATION.equals(e.getSQLState())) {
                throw new Webhooks.UnknownApplication(application);
            }
            throw new SharingStoreException("cannot register the webhook of " + application, e);
        }
    }

    public boolean remove(String application) {
        return update("DELETE FROM webhook WHERE client_id = ?", application) > 0;
    }

    /** Items already waiting (by their key) are left as they are: a redelivered message adds nothing. */
    public void enqueue(List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO webhook_item (client_id, household_id, item_key, "
                        + "kind, body, created) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, item_key) DO NOTHING")) {
            for (Item item : items) {
                s.setString(1, item.application());
                s.setString(2, item.household());
                s.setString(3, item.key());
                s.setString(4, item.kind());
                s.setString(5, item.body());
                s.setTimestamp(6, Timestamp.from(item.created()));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new SharingStoreException("cannot keep " + items.size() + " item(s) for delivery", e);
        }
    }

    public List<String> dueApplications(Instant now) {
        List<String> applications = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT w.client_id FROM webhook w WHERE (w.next_attempt IS NULL "
                        + "OR w.next_attempt <= ?) AND EXISTS (SELECT 1 FROM webhook_item i WHERE i.client_id = w.client_id)")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applications.add(rs.getString(1));
                }
            }
            return applications;
        } catch (SQLException e) {
            throw new SharingStoreException("cannot look for items due", e);
        }
    }

    public Optional<Target> target(String application) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT url, signing_key, attempts FROM webhook WHERE client_id = ?")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Target(URI.create(rs.getString(1)), rs.getBytes(2), rs.getInt(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SharingStoreException("cannot read the webhook of " + application, e);
        }
    }

    /** The application's oldest items, in the order they came. */
    public List<Due> due(String application, int limit) {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT item_id, household_id, item_key, kind, body "
                        + "FROM webhook_item WHERE client_id = ? ORDER BY item_id LIMIT ?")) {
            s.setString(1, application);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new SharingStoreException("cannot read the items due for " + application, e);
        }
    }

    /** The endpoint took them: they go, and the counters (the application's and each household's) move. */
    public void delivered(String application, List<Due> items, Instant now) {
        Map<String, Long> perHousehold = new HashMap<>();
        items.forEach(item -> perHousehold.merge(item.household(), 1L, Long::sum));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM webhook_item WHERE item_id = ANY (?)")) {
                    s.setArray(1, ids(c, items));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE webhook SET delivered = delivered + ?, "
                        + "last_delivered = ?, failing_since = NULL, attempts = 0, next_attempt = NULL WHERE client_id = ?")) {
                    s.setLong(1, items.size());
                    s.setTimestamp(2, Timestamp.from(now));
                    s.setString(3, application);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_household (client_id, household_id, "
                        + "delivered, last_delivered) VALUES (?, ?, ?, ?) ON CONFLICT (client_id, household_id) DO UPDATE "
                        + "SET delivered = webhook_household.delivered + excluded.delivered, "
                        + "last_delivered = excluded.last_delivered")) {
                    for (Map.Entry<String, Long> household : perHousehold.entrySet()) {
                        s.setString(1, application);
                        s.setString(2, household.getKey());
                        s.setLong(3, household.getValue());
                        s.setTimestamp(4, Timestamp.from(now));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // They were delivered: sent again later, the receiver drops them by their keys.
            throw new SharingStoreException("cannot record the delivery of " + items.size() + " item(s) to " + application, e);
        }
    }

    /** The attempt failed: the endpoint's items wait until {@code next}, and its state says why. */
    public void failed(String application, String error, Instant now, Instant next) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE webhook SET failing_since = coalesce(failing_since, ?), "
                        + "last_error = ?, last_error_at = ?, attempts = attempts + 1, next_attempt = ? WHERE client_id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, error);
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(next));
            s.setString(5, application);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new SharingStoreException("cannot record a failed delivery to " + application, e);
        }
    }

    public Optional<Webhooks.Status> status(String application) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT w.url, w.created, (SELECT count(*) FROM webhook_item i "
                        + "WHERE i.client_id = w.client_id), w.delivered, w.last_delivered, w.failing_since, w.last_error, "
                        + "w.last_error_at FROM webhook w WHERE w.client_id = ?")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Webhooks.Status(application, rs.getString(1), instant(rs, 2), rs.getLong(3),
                        rs.getLong(4), instant(rs, 5), instant(rs, 6), rs.getString(7), instant(rs, 8)));
            }
        } catch (SQLException e) {
            throw new SharingStoreException("cannot read the webhook of " + application, e);
        }
    }

    /** Every service that has, or had, items of this household. */
    public List<Webhooks.HouseholdStatus> household(String household) {
        List<Webhooks.HouseholdStatus> services = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT w.client_id, (SELECT count(*) FROM webhook_item i "
                        + "WHERE i.client_id = w.client_id AND i.household_id = ?), coalesce(h.delivered, 0), "
                        + "h.last_delivered, w.failing_since, w.last_error FROM webhook w LEFT JOIN webhook_household h "
                        + "ON h.client_id = w.client_id AND h.household_id = ? WHERE h.household_id IS NOT NULL OR "
                        + "EXISTS (SELECT 1 FROM webhook_item i WHERE i.client_id = w.client_id AND i.household_id = ?) "
                        + "ORDER BY w.client_id")) {
            s.setString(1, household);
            s.setString(2, household);
            s.setString(3, household);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    services.add(new Webhooks.HouseholdStatus(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            instant(rs, 4), instant(rs, 5), rs.getString(6)));
                }
            }
            return services;
        } catch (SQLException e) {
            throw new SharingStoreException("cannot read what household " + household + " shared", e);
        }
    }

    private int update(String sql, String application) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, application);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new SharingStoreException("cannot change the webhook of " + application, e);
        }
    }

    private static Array ids(Connection c, List<Due> items) throws SQLException {
        return c.createArrayOf("bigint", items.stream().map(Due::id).toArray());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp time = rs.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }
}
