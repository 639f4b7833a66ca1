package io.homegrid.persistence.internal.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.homegrid.persistence.RepositoryException;
import io.homegrid.persistence.analysis.VirtualDevice;
import io.homegrid.persistence.analysis.VirtualDevices;

/** {@link VirtualDevices} on the {@code virtual_device} table. */
public final class JdbcVirtualDevices implements VirtualDevices {

    private static final String COLUMNS = "household_id, name, devices, created, created_by";
    /** PostgreSQL's unique_violation. */
    private static final String DUPLICATE = "23505";

    private final DataSource dataSource;

    public JdbcVirtualDevices(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<VirtualDevice> of(String household) {
        return query("SELECT " + COLUMNS + " FROM virtual_device WHERE household_id = ? ORDER BY name", household, null);
    }

    @Override
    public Optional<VirtualDevice> get(String household, String name) {
        return query("SELECT " + COLUMNS + " FROM virtual_device WHERE household_id = ? AND name = ?", household, name)
                .stream().findFirst();
    }

    @Override
    public void create(VirtualDevice device) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO virtual_device (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, device.household());
            s.setString(2, device.name());
            s.setArray(3, c.createArrayOf("text", device.devices().toArray()));
            s.setTimestamp(4, Timestamp.from(device.created()));
            s.setString(5, device.createdBy());
            s.executeUpdate();
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                throw new NameTaken(device.name());
            }
            throw new RepositoryException("cannot store virtual device " + device.name(), e);
        }
    }

    @Override
    public boolean delete(String household, String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM virtual_device WHERE household_id = ? AND name = ?")) {
            s.setString(1, household);
            s.setString(2, name);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete virtual device " + name, e);
        }
    }

    private List<VirtualDevice> query(String sql, String household, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, household);
            if (name != null) {
                s.setString(2, name);
            }
            List<VirtualDevice> devices = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array members = rs.getArray(3);
                    devices.add(new VirtualDevice(rs.getString(1), rs.getString(2),
                            Arrays.asList((String[]) members.getArray()), rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the virtual devices of household " + household, e);
        }
    }
}
