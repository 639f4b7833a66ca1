package io.homegrid.persistence.internal.jdbc;

import static io.homegrid.persistence.Fixtures.T0;
import static io.homegrid.persistence.Fixtures.batch;
import static io.homegrid.persistence.Fixtures.power;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.homegrid.sql.SchemaMigrator;
import io.homegrid.testing.TestPostgres;

/** What the writer reports when the database goes away under it. */
class JdbcReadingWriterFailureTest {

    /** SQLSTATE PostgreSQL's backends send when their postmaster died. */
    private static final String POSTMASTER_GONE = "57P01";

    @Test
    void aDroppedConnectionReportsTheServersReasonNotTheFailedRollback() throws Exception {
        // given a writer whose keys and partitions are made, then a connection the server
        // terminated: every statement fails, and so does the rollback
        DataSource real = TestPostgres.freshDatabase();
        SchemaMigrator.migrate(real);
        AtomicBoolean dropped = new AtomicBoolean();
        DataSource database = dataSource(real, dropped, droppedConnection());
        JdbcReadingWriter writer = new JdbcReadingWriter(database,
                new ReadingPartitions(database, Clock.systemUTC(), Duration.ZERO));
        writer.write(List.of(batch("gw-1", power("d1", 10, T0, 1))));
        dropped.set(true);

        // when
        SQLException failure = catchThrowableOfType(SQLException.class,
                () -> writer.write(List.of(batch("gw-1", power("d1", 10, T0, 2)))));

        // then the retryable cause is what the caller sees, the rollback failure rides along
        assertThat(failure.getSQLState()).isEqualTo(POSTMASTER_GONE);
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("Connection is closed");
    }

    private static Connection droppedConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAutoCommit", "close" -> null;
                    // what HikariCP's closed-connection proxy throws: no SQLSTATE at all
                    case "rollback" -> throw new SQLException("Connection is closed");
                    default -> throw new SQLException("terminating connection due to unexpected postmaster exit",
                            POSTMASTER_GONE);
                });
    }

    private static DataSource dataSource(DataSource real, AtomicBoolean dropped, Connection connection) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return dropped.get() ? connection : real.getConnection();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
