package io.homegrid.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./homegrid backend} as a separate JVM, started exactly as the script starts it (the
 * packaged jar and target/lib), so a test can kill it the hard way. Its output goes to a log
 * file under target/ for when a test fails.
 */
final class BackendProcess implements AutoCloseable {

    private final Process process;
    private final CompletableFuture<String> jdbcUrl = new CompletableFuture<>();

    private BackendProcess(Process process, Path log) {
        this.process = process;
        Thread reader = new Thread(() -> follow(log), "backend-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static BackendProcess start(int port, Path dataDir, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/homegrid-launcher.jar" + java.io.File.pathSeparator + "target/lib/*",
                Main.class.getName(), "backend", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        Path log = Path.of("target", "backend-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new BackendProcess(process, log);
    }

    /** Waits for the ready line and answers the database URL it printed. */
    String awaitReady() throws Exception {
        return jdbcUrl.get(120, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; answers the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("backend did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void follow(Path log) {
        boolean ready = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line; (line = out.readLine()) != null;) {
                file.println(line);
                ready |= line.startsWith(BackendCommand.READY);
                if (ready && line.trim().startsWith("database")) {
                    jdbcUrl.complete(line.trim().split("\\s+")[1]);
                }
            }
        } catch (IOException e) {
            jdbcUrl.completeExceptionally(e);
        }
        jdbcUrl.completeExceptionally(new IllegalStateException("backend exited before it was ready; see " + log));
    }
}
