package io.homegrid.persistence.internal.connector;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure worth retrying (the database is away, busy, or chose us as a deadlock victim)
 * from one caused by the message itself, which no retry will fix.
 */
final class Failures {

    private Failures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator
     * intervention (server shutting down), 40 transaction rollback (serialization, deadlock),
     * and 23505 unique violation, which here only ever means a concurrent writer created the
     * same gateway or device row first: a retry finds it.
     */
    private static boolean isTransientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40")
                || state.equals("23505");
    }
}
