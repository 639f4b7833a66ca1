package io.homegrid.persistence;

import java.time.Instant;

/** A gateway as the backend knows it: when it first and last pushed, and how many devices it has. */
public record GatewaySummary(String id, Instant firstSeen, Instant lastSeen, long devices) {
}
