package io.homegrid.persistence;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One sensor of a device: its unit and, once it has reported, its latest value and when that was taken. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SensorView(String sensor, String unit, Double value, Instant time, Long seq) {
}
