package io.homegrid.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.security.AuditEntry;
import io.homegrid.security.AuditLog;
import io.homegrid.security.Caller;

/** The audit trail in PostgreSQL, one row an action. */
public final class JdbcAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcAuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    @Override
    public void record(Caller actor, String household, String action, String target, String outcome) {
        try {
            jdbc.update("INSERT INTO audit_entry (at, actor, household_id, action, target, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                    clock.instant(), actor.name(), household, action, target, outcome);
        } catch (RuntimeException e) {
            // The action happened; not recording it must not undo or fail it, but must be seen.
            LOG.error("Audit entry not recorded: {} {} {} by {} ({})", action, target, outcome, actor.name(), household, e);
        }
    }

    @Override
    public List<AuditEntry> entries(String household, Instant since, Instant before, int limit) {
        String upTo = before == null ? "" : " AND at <= ?";
        Object[] parameters = before == null ? new Object[] {household, household, since, limit}
                : new Object[] {household, household, since, before, limit};
        return jdbc.query("SELECT * FROM audit_entry WHERE (?::text IS NULL OR household_id = ?) AND at >= ?" + upTo
                + " ORDER BY at DESC, id DESC LIMIT ?", row -> new AuditEntry(Jdbc.instant(row, "at"), row.getString("actor"),
                        row.getString("household_id"), row.getString("action"), row.getString("target"),
                        row.getString("outcome")), parameters);
    }
}
