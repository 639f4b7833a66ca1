package io.homegrid.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of one sensor of one device. Within a gateway, {@code seq} identifies the
 * reading: the backend stores a reading at most once per (gateway, seq).
 */
public record Reading(String device, SensorKind sensor, double value, String unit, Instant time, long seq) {

    public Reading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(time, "time");
    }
}
