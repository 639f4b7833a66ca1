package io.homegrid.launcher.internal;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a command in the foreground until Ctrl-C (or SIGTERM), then stops what it started. */
public final class Foreground {

    private static final Logger LOG = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {
    }

    public static void runUntilStopped(String name, AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed", name, e);
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        stopped.await();
    }
}
