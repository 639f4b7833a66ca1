package io.homegrid.persistence;

import java.time.Instant;

/** Aggregate of one sensor's readings over one bucket starting at {@code bucket}. */
public record ReadingBucket(String sensor, Instant bucket, double avg, double min, double max, long count) {
}
