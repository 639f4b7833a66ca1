package io.homegrid.launcher.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process of the cluster (the broker, a backend instance, HAProxy), its output kept in a log
 * file; ready once it printed its ready line.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private ChildProcess(String name, Process process, Path log, String readyLine) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> follow(log, readyLine), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log,
            String readyLine) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log, readyLine);
    }

    /** Waits for the ready line; fails when the process ends first. */
    public ChildProcess awaitReady(long seconds) throws Exception {
        ready.get(seconds, TimeUnit.SECONDS);
        return this;
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C; answers the exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            LOG.warn("{} did not stop within 60 s of SIGTERM; killing it", name);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private void follow(Path log, String readyLine) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line; (line = out.readLine()) != null;) {
                file.println(line);
                if (readyLine == null || line.startsWith(readyLine)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            LOG.warn("Output of {} no longer read: {}", name, e.getMessage());
        }
        ready.completeExceptionally(new IllegalStateException(name + " ended before it was ready; see " + log));
    }
}
