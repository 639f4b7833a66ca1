package io.homegrid.launcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The homegrid Karaf distribution unpacked in a directory of ours, configured, and run as a child process. */
public final class KarafDistribution implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KarafDistribution.class);

    private final Path home;
    private Process process;

    private KarafDistribution(Path home) {
        this.home = home;
    }

    /** Unpacks the tarball into {@code directory} unless that was done before (the Karaf data there is kept). */
    public static KarafDistribution unpack(Path tarball, Path directory) throws IOException, InterruptedException {
        Path home = directory.resolve("karaf");
        if (!Files.isRegularFile(home.resolve("bin/karaf"))) {
            Files.createDirectories(home);
            Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "--strip-components=1", "-C", home.toString())
                    .inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IOException("could not unpack " + tarball + " into " + home);
            }
            LOG.info("Unpacked {} into {}", tarball.getFileName(), home);
        }
        return new KarafDistribution(home);
    }

    public Path home() {
        return home;
    }

    /** Sets properties in {@code etc/<pid>.cfg}, keeping the others. */
    public void configure(String pid, Map<String, String> values) throws IOException {
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        properties.putAll(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "written by ./homegrid karaf");
        }
    }

    /** Starts {@code bin/karaf server} on this JVM's Java, with its output in {@code data/log}. */
    public void start() throws IOException {
        ProcessBuilder karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf-console.log").toFile());
        karaf.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = karaf.start();
        LOG.info("Karaf started (pid {}); its log is {}", process.pid(), home.resolve("data/log/karaf.log"));
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM to Karaf's JVM (bin/karaf is a shell script that does not pass signals on): Karaf
     * stops its bundles in order; after a minute it is killed.
     */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvms = process.descendants().toList();
        jvms.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Karaf (pid {}) did not stop within 60 s; killing it", jvm.pid());
                jvm.destroyForcibly();
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
