package io.homegrid.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A port below the kernel's ephemeral range, which no outgoing connection is handed. Reading the
 * range once gave "3" (procfs files report a size of 0): every port then came from the ephemeral
 * range, and a test's backend once lost its port to a connection.
 */
class FreePortsTest {

    @Test
    void picksBelowTheKernelsEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        Assumptions.assumeTrue(Files.isReadable(range), "no Linux port range here");
        int ephemeralStart = Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0]);

        for (int i = 0; i < 20; i++) {
            assertThat(FreePorts.next()).isBetween(10_000, ephemeralStart - 1);
        }
    }
}
