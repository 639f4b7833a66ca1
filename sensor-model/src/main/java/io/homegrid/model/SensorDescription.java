package io.homegrid.model;

import java.util.Objects;

/** A sensor a device carries, and the unit its readings arrive in once normalised. */
public record SensorDescription(SensorKind sensor, String unit) {

    public SensorDescription {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(unit, "unit");
    }
}
