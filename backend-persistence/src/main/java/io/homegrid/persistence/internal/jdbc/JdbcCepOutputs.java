package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.homegrid.model.CepOutput;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.RepositoryException;

/** CEP aggregates and events in {@code cep_output}: written in batches, read by gateway, kind, statement and time. */
public final class JdbcCepOutputs {

    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public JdbcCepOutputs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores outputs; a minute aggregate stored before is replaced only by one computed from
     * more readings (see migration V11: an instance taking over a household computes its open
     * minutes again).
     */
    public void write(List<CepOutput> outputs) throws SQLException, JsonProcessingException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO cep_output (statement, kind, gateway_id, device_id, time, output, replay_id, aggregate_key,"
                        + " samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (aggregate_key) DO UPDATE"
                        + " SET time = EXCLUDED.time, output = EXCLUDED.output, samples = EXCLUDED.samples"
                        + " WHERE cep_output.samples < EXCLUDED.samples")) {
            for (CepOutput output : outputs) {
                insert.setString(1, output.statement());
                insert.setString(2, output.kind());
                insert.setString(3, output.gateway());
                insert.setString(4, output.device());
                insert.setObject(5, OffsetDateTime.ofInstant(output.time(), ZoneOffset.UTC));
                insert.setString(6, Json.mapper().writeValueAsString(output.values()));
                insert.setObject(7, output.replay(), Types.BIGINT);
                insert.setString(8, aggregateKey(output));
                insert.setObject(9, output.values().get("samples") instanceof Number n ? n.longValue() : null,
                        Types.BIGINT);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * What one minute aggregate is: its statement, household, device (or virtual device) and
     * minute, and the isolated replay it belongs to; null for derived events and for outputs of
     * added statements, which may emit anything.
     */
    static String aggregateKey(CepOutput output) {
        Object minute = output.values().get("minuteStart");
        if (!CepOutput.AGGREGATE.equals(output.kind()) || minute == null
                || !(output.values().get("samples") instanceof Number)) {
            return null;
        }
        Object virtualDevice = output.values().get("virtualDevice");
        return String.join("|", output.statement(), String.valueOf(output.gateway()),
                String.valueOf(output.device() != null ? output.device() : virtualDevice), minute.toString(),
                String.valueOf(output.replay()));
    }

    /**
     * Outputs of one kind in [from, to), oldest first.
     *
     * @param gateway   null for all gateways
     * @param statement null for all statements
     * @param replay    an isolated replay's outputs only; null: the household's own (no isolated replay's)
     */
    public List<CepOutput> read(String kind, String gateway, String statement, Instant from, Instant to, int limit,
            Long replay) {
        StringBuilder sql = new StringBuilder("SELECT statement, kind, gateway_id, device_id, time, output, replay_id"
                + " FROM cep_output WHERE kind = ? AND time >= ? AND time < ?");
        List<Object> parameters = new ArrayList<>(List.of(kind, OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(to, ZoneOffset.UTC)));
        if (replay == null) {
            sql.append(" AND replay_id IS NULL");
        } else {
            sql.append(" AND replay_id = ?");
            parameters.add(replay);
        }
        if (gateway != null) {
            sql.append(" AND gateway_id = ?");
            parameters.add(gateway);
        }
        if (statement != null) {
            sql.append(" AND statement = ?");
            parameters.add(statement);
        }
        sql.append(" ORDER BY time, id LIMIT ?");
        parameters.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<CepOutput> outputs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    outputs.add(new CepOutput(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), Json.mapper().readValue(rs.getString(6), VALUES),
                            rs.getObject(7, Long.class)));
                }
            }
            return outputs;
        } catch (SQLException | JsonProcessingException e) {
            throw new RepositoryException("cannot read CEP " + kind + "s", e);
        }
    }
}
