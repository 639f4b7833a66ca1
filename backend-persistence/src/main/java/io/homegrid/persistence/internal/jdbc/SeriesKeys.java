package io.homegrid.persistence.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.homegrid.model.SensorKind;

/**
 * The small integer keys of gateways and series, cached for the writer's lifetime. A key that is
 * not cached is created (or found) in a transaction of its own before the readings' one: a key
 * is only cached once it is committed, and a rolled-back write never leaves one behind.
 */
final class SeriesKeys {

    private static final String INSERT_GATEWAYS = """
            INSERT INTO gateway (gateway_id, first_seen, last_seen)
            SELECT g, now(), now() FROM unnest(?::text[]) AS g
            ON CONFLICT (gateway_id) DO NOTHING""";

    private static final String SELECT_GATEWAYS = "SELECT gateway_id, gateway_key FROM gateway WHERE gateway_id = ANY (?)";

    private static final String INSERT_SERIES = """
            INSERT INTO series (gateway_key, device_id, sensor, unit)
            SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[])
            ON CONFLICT (device_id, sensor, gateway_key) DO NOTHING""";

    private static final String SELECT_SERIES = """
            SELECT s.gateway_key, s.device_id, s.sensor, s.series_id
            FROM series s JOIN unnest(?::int[], ?::text[], ?::text[]) AS u(g, d, k)
              ON s.gateway_key = u.g AND s.device_id = u.d AND s.sensor = u.k""";

    private final DataSource dataSource;
    private final Map<String, Integer> gateways = new ConcurrentHashMap<>();
    private final Map<SeriesName, Integer> series = new ConcurrentHashMap<>();

    SeriesKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A series as the readings name it. */
    record SeriesName(int gateway, String device, SensorKind sensor) {
    }

    int gateway(String id) {
        Integer key = gateways.get(id);
        if (key == null) {
            throw new IllegalStateException("gateway " + id + " has no key; resolve it first");
        }
        return key;
    }

    int series(int gateway, String device, SensorKind sensor) {
        Integer key = series.get(new SeriesName(gateway, device, sensor));
        if (key == null) {
            throw new IllegalStateException("series " + device + "/" + sensor.id() + " has no key; resolve it first");
        }
        return key;
    }

    /** Makes sure every gateway given has a cached key. */
    void resolveGateways(Collection<String> ids) throws SQLException {
        TreeSet<String> missing = new TreeSet<>();
        for (String id : ids) {
            if (!gateways.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_GATEWAYS)) {
                insert.setArray(1, connection.createArrayOf("text", missing.toArray()));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(SELECT_GATEWAYS)) {
                select.setArray(1, connection.createArrayOf("text", missing.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        gateways.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
    }

    /** Makes sure every series given has a cached key; their gateways must be resolved already. */
    void resolveSeries(Collection<SeriesName> names) throws SQLException {
        TreeSet<SeriesName> missing = new TreeSet<>(Comparator.comparingInt(SeriesName::gateway)
                .thenComparing(SeriesName::device).thenComparing(SeriesName::sensor));
        for (SeriesName name : names) {
            if (!series.containsKey(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<Object> keys = new ArrayList<>();
        List<Object> devices = new ArrayList<>();
        List<Object> sensors = new ArrayList<>();
        List<Object> units = new ArrayList<>();
        for (SeriesName name : missing) {
            keys.add(name.gateway());
            devices.add(name.device());
            sensors.add(name.sensor().id());
            units.add(name.sensor().canonicalUnit());
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_SERIES)) {
                insert.setArray(1, connection.createArrayOf("int4", keys.toArray()));
                insert.setArray(2, connection.createArrayOf("text", devices.toArray()));
                insert.setArray(3, connection.createArrayOf("text", sensors.toArray()));
                insert.setArray(4, connection.createArrayOf("text", units.toArray()));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(SELECT_SERIES)) {
                select.setArray(1, connection.createArrayOf("int4", keys.toArray()));
                select.setArray(2, connection.createArrayOf("text", devices.toArray()));
                select.setArray(3, connection.createArrayOf("text", sensors.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        SensorKind sensor = SensorKind.byId(rs.getString(3))
                                .orElseThrow(() -> new IllegalStateException("unknown sensor kind in series"));
                        series.put(new SeriesName(rs.getInt(1), rs.getString(2), sensor), rs.getInt(4));
                    }
                }
            }
        }
    }
}
