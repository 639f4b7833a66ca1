package io.homegrid.security;

import java.time.Instant;

/**
 * One recorded action.
 *
 * @param household null for platform-wide actions
 * @param outcome   {@code ok}, or what went wrong
 */
public record AuditEntry(Instant at, String actor, String household, String action, String target, String outcome) {
}
