package io.homegrid.launcher.bench;

import java.time.Clock;
import java.util.Locale;

import org.postgresql.ds.PGSimpleDataSource;

import io.homegrid.security.AccessControl;
import io.homegrid.security.AccessService;
import io.homegrid.security.AccessSettings;

/**
 * What the gateway check costs a push: the backend's own {@link AccessControl#authenticate} of a
 * registered gateway's Basic header, on the benchmark backend's database, timed in a loop; set
 * against the backend time a push request takes in the same run (both cores divided by the
 * accepted request rate).
 */
final class AuthenticationCost {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 1_000_000;

    private AuthenticationCost() {
    }

    static String report(String jdbcUrl, String password, String gatewayHeader, double singlesPerSecond,
            double batchesPerSecond) throws Exception {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(jdbcUrl);
        database.setUser("postgres");
        database.setPassword(password);
        AccessControl access = AccessService.start(AccessSettings.in(null), database, Clock.systemUTC()).access();
        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += access.authenticate(gatewayHeader).name().length();
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            sink += access.authenticate(gatewayHeader).name().length();
        }
        double nanos = (System.nanoTime() - start) / (double) MEASURED;
        int cores = Runtime.getRuntime().availableProcessors();
        double singleNanos = cores * 1e9 / singlesPerSecond;
        double batchNanos = cores * 1e9 / batchesPerSecond;
        return String.format(Locale.ROOT, "%nGateway authentication (Basic id:secret, SHA-256 compared in constant time, "
                + "digest cached briefly), %d checks after %d warm-up (checksum %d):%n"
                + "| | µs per request | authentication's share |%n|---|---|---|%n"
                + "| the check alone | %.2f | |%n"
                + "| a single-reading push, whole machine (%d cores / accepted requests/s) | %.1f | %.2f %% |%n"
                + "| a batched push, whole machine | %.1f | %.2f %% |%n", MEASURED, WARM_UP, sink % 10,
                nanos / 1e3, cores, singleNanos / 1e3, 100 * nanos / singleNanos, batchNanos / 1e3, 100 * nanos / batchNanos);
    }
}
