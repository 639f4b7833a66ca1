package io.homegrid.persistence.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Embeddable;

/** A sensor a device's description lists (table device_sensor). */
@Embeddable
public class DeviceSensor {

    @Column(name = "sensor", nullable = false)
    private String sensor;

    @Column(name = "unit", nullable = false)
    private String unit;

    protected DeviceSensor() {
    }

    DeviceSensor(String sensor, String unit) {
        this.sensor = sensor;
        this.unit = unit;
    }

    public String sensor() {
        return sensor;
    }

    public String unit() {
        return unit;
    }
}
