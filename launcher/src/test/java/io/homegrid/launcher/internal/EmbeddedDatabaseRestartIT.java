package io.homegrid.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL started again on the data directory of a server killed with SIGKILL, while one of
 * that server's processes is still alive and attached to its shared memory, which makes a new
 * postmaster refuse to start.
 */
class EmbeddedDatabaseRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void startsAgainOnTheSamePortOnceTheKilledServersLastProcessIsGone() throws Exception {
        // given a server whose postmaster is killed while one of its children is frozen
        EmbeddedDatabase first = EmbeddedDatabase.start(dataDir);
        int port = first.port();
        ProcessHandle postmaster = first.postmaster();
        assertThat(LingeringServerProcesses.of(dataDir)).extracting(ProcessHandle::pid).contains(postmaster.pid())
                .hasSizeGreaterThan(1);
        ProcessHandle frozen = postmaster.children().findFirst().orElseThrow();
        signal("STOP", frozen);
        postmaster.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !postmaster.isAlive());
        assertThat(frozen.isAlive()).as("a frozen child cannot notice its postmaster's death").isTrue();
        first.close();

        // when
        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, port)) {

            // then the leftover was removed and the new server answers where the old one did
            assertThat(frozen.isAlive()).isFalse();
            assertThat(second.port()).isEqualTo(port);
            assertThat(second.postmaster().pid()).isNotEqualTo(postmaster.pid());
            try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password())) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
        assertThat(LingeringServerProcesses.of(dataDir)).as("closing stops every server process").isEmpty();
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
