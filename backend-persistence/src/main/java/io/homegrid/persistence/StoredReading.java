package io.homegrid.persistence;

import java.time.Instant;

/** A reading as stored: canonical unit, the gateway's sequence number. */
public record StoredReading(String sensor, double value, String unit, Instant time, long seq) {
}
