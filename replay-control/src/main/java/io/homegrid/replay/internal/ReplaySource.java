package io.homegrid.replay.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.homegrid.replay.Replay;

/**
 * The stored readings of a replay's window, in the order they are sent (original time, gateway,
 * seq), read a page at a time from where the last page ended: a month of readings never sits in
 * memory. Readings that were themselves replayed are not replayed again.
 */
public final class ReplaySource {

    private static final String WINDOW = " FROM reading WHERE gateway_id = ANY (?) AND (cardinality(?::text[]) = 0 "
            + "OR device_id = ANY (?)) AND replay_id IS NULL AND measured_at >= ? AND measured_at < ?";

    private final DataSource dataSource;

    public ReplaySource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One stored reading, in canonical units. */
    public record Stored(String gateway, long seq, String device, String sensor, double value, String unit, Instant time) {
    }

    public long count(Replay replay) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*)" + WINDOW)) {
            bindWindow(c, s, replay);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the readings of replay " + replay.id(), e);
        }
    }

    /** The next page after the cursor (null: from the start of the window). */
    public List<Stored> page(Replay replay, ReplayCatalog.Cursor after, int size) {
        String sql = "SELECT gateway_id, seq, device_id, sensor, value, unit, measured_at" + WINDOW
                + (after == null ? "" : " AND (measured_at, gateway_id, seq) > (?, ?, ?)")
                + " ORDER BY measured_at, gateway_id, seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = bindWindow(c, s, replay);
            if (after != null) {
                s.setTimestamp(next++, Timestamp.from(after.time()));
                s.setString(next++, after.gateway());
                s.setLong(next++, after.seq());
            }
            s.setInt(next, size);
            List<Stored> page = new ArrayList<>(size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(new Stored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the readings of replay " + replay.id(), e);
        }
    }

    private static int bindWindow(Connection c, PreparedStatement s, Replay replay) throws SQLException {
        s.setArray(1, c.createArrayOf("text", replay.gateways().toArray()));
        s.setArray(2, c.createArrayOf("text", replay.devices().toArray()));
        s.setArray(3, c.createArrayOf("text", replay.devices().toArray()));
        s.setTimestamp(4, Timestamp.from(replay.from()));
        s.setTimestamp(5, Timestamp.from(replay.to()));
        return 6;
    }
}
