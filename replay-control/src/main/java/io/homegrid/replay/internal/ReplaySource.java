package io.homegrid.replay.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

    /** Pages through one replay's window; not thread-safe, one per running replay. */
    public Pager pager(Replay replay) {
        return new Pager(replay);
    }

    /**
     * Reads the window a slice of time at a time: no index orders the table by time, gateway and
     * seq, so each query sorts what its slice holds, and the slice is kept to about a page (halved
     * when a page fills it, doubled when it comes back short). A query over the whole rest of the
     * window would sort all of it for every page, and a month's replay would never get going.
     */
    public final class Pager {

        private static final Duration SMALLEST = Duration.ofSeconds(1);
        private final Replay replay;
        private Duration slice = Duration.ofMinutes(1);

        private Pager(Replay replay) {
            this.replay = replay;
        }

        /** The next page after the cursor (null: from the start of the window); empty at its end. */
        public List<Stored> next(ReplayCatalog.Cursor after, int size) {
            Instant from = after == null ? replay.from() : after.time();
            while (from.isBefore(replay.to())) {
                Instant until = from.plus(slice).isBefore(replay.to()) ? from.plus(slice) : replay.to();
                List<Stored> page = page(replay, after, from, until, size);
                if (page.size() == size) {
                    slice = slice.dividedBy(2).compareTo(SMALLEST) < 0 ? SMALLEST : slice.dividedBy(2);
                    return page;
                }
                slice = slice.multipliedBy(2);
                if (!page.isEmpty()) {
                    return page;
                }
                from = until;
                after = null;
            }
            return List.of();
        }
    }

    /** Up to {@code size} readings of the window in [from, until), after the cursor. */
    private List<Stored> page(Replay replay, ReplayCatalog.Cursor after, Instant from, Instant until, int size) {
        String sql = "SELECT gateway_id, seq, device_id, sensor, value, unit, measured_at" + WINDOW
                + " AND measured_at >= ? AND measured_at < ?"
                + (after == null ? "" : " AND (measured_at, gateway_id, seq) > (?, ?, ?)")
                + " ORDER BY measured_at, gateway_id, seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = bindWindow(c, s, replay);
            s.setTimestamp(next++, Timestamp.from(from));
            s.setTimestamp(next++, Timestamp.from(until));
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
