package io.homegrid.cep.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.homegrid.cep.StatementStore;

/** Added statements in PostgreSQL ({@code cep_statement}). */
public final class JdbcStatementStore implements StatementStore {

    private final DataSource dataSource;

    public JdbcStatementStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, Stored> load() {
        Map<String, Stored> statements = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT name, epl, household_id FROM cep_statement ORDER BY created, name");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                statements.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3)));
            }
            return statements;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load CEP statements", e);
        }
    }

    @Override
    public void save(String name, String epl, String household) {
        update("INSERT INTO cep_statement (name, epl, household_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET epl = excluded.epl, household_id = excluded.household_id",
                name, epl, household);
    }

    @Override
    public void delete(String name) {
        update("DELETE FROM cep_statement WHERE name = ?", name);
    }

    private void update(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store CEP statement " + parameters[0], e);
        }
    }
}
