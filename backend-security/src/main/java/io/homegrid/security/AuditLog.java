package io.homegrid.security;

import java.time.Instant;
import java.util.List;

/** The record of relay commands, grants, revocations, registrations, rotations and statement changes. */
public interface AuditLog {

    /** Records an action; a failure to record is logged, never thrown at the action it records. */
    void record(Caller actor, String household, String action, String target, String outcome);

    /**
     * Newest first.
     *
     * @param household null: every household's and the platform's entries
     */
    default List<AuditEntry> entries(String household, Instant since, int limit) {
        return entries(household, since, null, limit);
    }

    /** @param before only entries at or before this (null: up to now), for the pages after the first */
    List<AuditEntry> entries(String household, Instant since, Instant before, int limit);
}
