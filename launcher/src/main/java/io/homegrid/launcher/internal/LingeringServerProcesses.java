package io.homegrid.launcher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL processes still working on a data directory after their postmaster died
 * (backends, checkpointer, walwriter...). PostgreSQL refuses to start while any of them is
 * attached to the old shared memory, and once the postmaster is gone they are children of init,
 * so they are found by what they all share: the data directory as working directory (Linux
 * {@code /proc/<pid>/cwd}; elsewhere none are found and PostgreSQL's own check decides).
 */
final class LingeringServerProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(LingeringServerProcesses.class);
    private static final Path PROC = Paths.get("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private LingeringServerProcesses() {
    }

    /**
     * Gives them {@code grace} to notice their postmaster's death and exit, as they do, then
     * kills the rest: their transactions are uncommitted or already in the WAL that crash
     * recovery replays.
     */
    static void stop(Path dataDirectory, Duration grace) {
        List<ProcessHandle> lingering = of(dataDirectory);
        if (lingering.isEmpty()) {
            return;
        }
        LOG.warn("{} PostgreSQL process(es) of {} outlived their postmaster: {}; waiting up to {} for them to exit",
                lingering.size(), dataDirectory, pids(lingering), grace);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : lingering) {
            if (!awaitExit(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warn("Killing PostgreSQL process {} of {}, still alive after {}", process.pid(), dataDirectory, grace);
                process.destroyForcibly();
                if (!awaitExit(process, KILL_WAIT)) {
                    LOG.error("PostgreSQL process {} of {} survived SIGKILL for {}", process.pid(), dataDirectory,
                            KILL_WAIT);
                }
            }
        }
    }

    /** PostgreSQL processes whose working directory is {@code dataDirectory}. */
    static List<ProcessHandle> of(Path dataDirectory) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        Path directory;
        try {
            directory = dataDirectory.toRealPath();
        } catch (IOException e) {
            LOG.warn("Cannot resolve {} to look for its PostgreSQL processes: {}", dataDirectory, e.toString());
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> directory.equals(workingDirectory(p)))
                .toList();
    }

    private static Path workingDirectory(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(PROC.resolve(Long.toString(process.pid())).resolve("cwd"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Gone meanwhile, or not ours to inspect: either way not one of our server's processes.
            return null;
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            LOG.warn("Waiting for PostgreSQL process {} failed", process.pid(), e);
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}
