package io.homegrid.gateway.api;

import java.time.Instant;
import java.util.Objects;

import io.homegrid.model.SensorKind;

/** A reading in its canonical unit, not yet numbered: the cache gives it its sequence number. */
public record Measurement(String device, SensorKind sensor, double value, Instant time) {

    public Measurement {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(time, "time");
    }

    public String unit() {
        return sensor.canonicalUnit();
    }
}
