package io.homegrid.launcher.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a free port for servers that cannot bind port 0 themselves. It picks below the kernel's
 * ephemeral range: a port the kernel handed out (port 0) is free only until the kernel hands it
 * to the next outgoing connection, which took a test's Jetty port once (bind failed on 41409).
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int TRIES = 200;

    private FreePorts() {
    }

    public static int next() {
        int below = ephemeralStart();
        for (int i = 0; i < TRIES && below > LOWEST; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (free(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Whether nothing listens on the port, on any address (servers bind the wildcard). */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or the IANA range's where it does not say. */
    private static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            // readAllLines, not readString: procfs reports a size of 0, and readString then gave "3" of "32768"
            return Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
