package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.homegrid.model.CommunityResidual;
import io.homegrid.persistence.RepositoryException;
import io.homegrid.persistence.analysis.CommunityResiduals;

/** {@code community_residual}: one row per community and minute, so that an output delivered twice is stored once. */
public final class JdbcCommunityResiduals implements CommunityResiduals {

    private final DataSource dataSource;

    public JdbcCommunityResiduals(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(List<CommunityResidual> residuals) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO community_residual (community_id, minute_start, "
                + "demand_w, generation_w, battery_w, residual_w, households) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            for (CommunityResidual residual : residuals) {
                insert.setString(1, residual.community());
                insert.setObject(2, OffsetDateTime.ofInstant(residual.minuteStart(), ZoneOffset.UTC));
                insert.setDouble(3, residual.demandWatts());
                insert.setDouble(4, residual.generationWatts());
                insert.setDouble(5, residual.batteryWatts());
                insert.setDouble(6, residual.residualWatts());
                insert.setInt(7, residual.households());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public List<CommunityResidual> between(String community, Instant from, Instant to, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("SELECT minute_start, "
                + "demand_w, generation_w, battery_w, households FROM community_residual WHERE community_id = ? "
                + "AND minute_start >= ? AND minute_start < ? ORDER BY minute_start LIMIT ?")) {
            select.setString(1, community);
            select.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            select.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            select.setInt(4, limit);
            List<CommunityResidual> minutes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    minutes.add(new CommunityResidual(community, rs.getObject(1, OffsetDateTime.class).toInstant(),
                            rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5)));
                }
            }
            return minutes;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read community '" + community + "''s residual load", e);
        }
    }
}
