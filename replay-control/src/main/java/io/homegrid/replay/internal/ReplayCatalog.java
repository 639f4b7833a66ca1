package io.homegrid.replay.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplayMode;
import io.homegrid.replay.ReplayRequest;
import io.homegrid.replay.ReplayState;

/** The replays and their progress, in PostgreSQL ({@code replay}). */
public final class ReplayCatalog {

    private static final String COLUMNS = "replay_id, household_id, requested_by, from_time, to_time, gateways, devices, "
            + "speed, mode, state, reason, readings_total, readings_sent, replayed_to, created, started, finished, "
            + "cursor_gateway, cursor_seq";

    private final DataSource dataSource;

    public ReplayCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where a running replay is, so that it can go on from there after a restart. */
    public record Cursor(Instant time, String gateway, long seq, long sent) {
    }

    public Replay create(ReplayRequest request, Instant now) {
        String sql = "INSERT INTO replay (household_id, requested_by, from_time, to_time, gateways, devices, speed, mode, "
                + "state, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, request.household());
            s.setString(2, request.requestedBy());
            s.setTimestamp(3, Timestamp.from(request.from()));
            s.setTimestamp(4, Timestamp.from(request.to()));
            s.setArray(5, c.createArrayOf("text", request.gateways().toArray()));
            s.setArray(6, c.createArrayOf("text", request.devices().toArray()));
            if (request.speed() == null) {
                s.setNull(7, Types.DOUBLE);
            } else {
                s.setDouble(7, request.speed());
            }
            s.setString(8, request.mode().wire());
            s.setTimestamp(9, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return replay(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the replay", e);
        }
    }

    public Optional<Replay> get(long id) {
        List<Replay> found = query("SELECT " + COLUMNS + " FROM replay WHERE replay_id = ?", id);
        return found.stream().findFirst();
    }

    /** @param household null for every household's */
    public List<Replay> list(String household) {
        return household == null ? query("SELECT " + COLUMNS + " FROM replay ORDER BY replay_id")
                : query("SELECT " + COLUMNS + " FROM replay WHERE household_id = ? ORDER BY replay_id", household);
    }

    /** Replays that a stopped backend left queued or running. */
    public List<Replay> unfinished() {
        return query("SELECT " + COLUMNS + " FROM replay WHERE state IN ('queued', 'running') ORDER BY replay_id");
    }

    public Optional<Cursor> cursor(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT replayed_to, cursor_gateway, cursor_seq, readings_sent FROM replay WHERE replay_id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read where replay " + id + " is", e);
        }
    }

    /** Claims a queued replay for this backend: false if it is not queued (another took it, or it was cancelled). */
    public boolean start(long id, long total, Instant now) {
        return update("UPDATE replay SET state = 'running', readings_total = ?, started = coalesce(started, ?) "
                + "WHERE replay_id = ? AND state IN ('queued', 'running')", total, Timestamp.from(now), id) == 1;
    }

    public void progress(long id, Cursor cursor) {
        update("UPDATE replay SET readings_sent = ?, replayed_to = ?, cursor_gateway = ?, cursor_seq = ? "
                + "WHERE replay_id = ? AND readings_sent <= ?", cursor.sent(), Timestamp.from(cursor.time()),
                cursor.gateway(), cursor.seq(), id, cursor.sent());
    }

    /** Ends a replay that has not ended yet; false if it had. */
    public boolean finish(long id, ReplayState state, String reason, Instant now) {
        return update("UPDATE replay SET state = ?, reason = ?, finished = ? WHERE replay_id = ? "
                + "AND state IN ('queued', 'running')", state.wire(), reason, Timestamp.from(now), id) == 1;
    }

    /** Forgets the replay, and with it an isolated replay's readings and outputs (ON DELETE CASCADE). */
    public boolean delete(long id) {
        return update("DELETE FROM replay WHERE replay_id = ?", id) == 1;
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update a replay", e);
        }
    }

    private List<Replay> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Replay> replays = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    replays.add(replay(rs));
                }
            }
            return replays;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read replays", e);
        }
    }

    private static Replay replay(ResultSet rs) throws SQLException {
        double speed = rs.getDouble("speed");
        boolean max = rs.wasNull();
        long total = rs.getLong("readings_total");
        boolean noTotal = rs.wasNull();
        return new Replay(rs.getLong("replay_id"), rs.getString("household_id"), rs.getString("requested_by"),
                instant(rs, "from_time"), instant(rs, "to_time"), texts(rs.getArray("gateways")),
                texts(rs.getArray("devices")), max ? null : speed, ReplayMode.of(rs.getString("mode")),
                ReplayState.of(rs.getString("state")), rs.getString("reason"), noTotal ? null : total,
                rs.getLong("readings_sent"), instant(rs, "replayed_to"), instant(rs, "created"), instant(rs, "started"),
                instant(rs, "finished"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
