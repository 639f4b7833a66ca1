package io.homegrid.cep.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.homegrid.cep.GatewayHouseholds;

/** A gateway's household from its registration ({@code gateway_registration}). */
public final class JdbcGatewayHouseholds implements GatewayHouseholds {

    private final DataSource dataSource;

    public JdbcGatewayHouseholds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<String> householdOf(String gateway) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT household_id FROM gateway_registration WHERE gateway_id = ?")) {
            s.setString(1, gateway);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up the household of gateway " + gateway, e);
        }
    }
}
