package io.homegrid.persistence.internal.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.Table;

import io.homegrid.model.DeviceDescription;
import io.homegrid.model.SensorDescription;

@Entity
@Table(name = "device")
public class DeviceEntity {

    @Id
    @Column(name = "device_id")
    private String id;

    @Column(name = "gateway_id", nullable = false)
    private String gateway;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "name")
    private String name;

    @Column(name = "relay", nullable = false)
    private boolean relay;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "first_seen", nullable = false)
    private Instant firstSeen;

    @Column(name = "updated", nullable = false)
    private Instant updated;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "device_sensor", joinColumns = @JoinColumn(name = "device_id"))
    private List<DeviceSensor> sensors = new ArrayList<>();

    protected DeviceEntity() {
    }

    DeviceEntity(String id, String gateway, Instant now) {
        this.id = id;
        this.gateway = gateway;
        this.firstSeen = now;
        this.updated = now;
    }

    /** Takes over what the gateway's device list says about the device now. */
    void describe(String gatewayId, DeviceDescription description, Instant now) {
        gateway = gatewayId;
        type = description.type();
        name = description.name();
        relay = description.relay();
        state = description.state().id();
        updated = now;
        sensors.clear();
        for (SensorDescription sensor : description.sensors()) {
            sensors.add(new DeviceSensor(sensor.sensor().id(), sensor.unit()));
        }
    }

    public String id() {
        return id;
    }

    public String gateway() {
        return gateway;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public boolean relay() {
        return relay;
    }

    public String state() {
        return state;
    }

    public List<DeviceSensor> sensors() {
        return sensors;
    }
}
