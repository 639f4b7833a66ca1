package io.homegrid.routes.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * Where and how the REST API is served; the one home of its defaults.
 *
 * @param address         {@code https://host:port/} on CXF's own Jetty (embedded), or a path under
 *                        CXF's servlet (Karaf, where pax-web decides about TLS)
 * @param loopbackAddress {@code http://127.0.0.1:port/} for plain HTTP on loopback, only when asked
 *                        for; null: none
 */
public record RestSettings(String address, String loopbackAddress, PushSettings push) {

    /** At the root of CXF's servlet, as the embedded mode serves it at the root of its port. */
    public static final String DEFAULT_ADDRESS = "/";

    /** Live streams one identity may hold open at a time; the next answers 429. */
    public static final int MAX_LIVE_STREAMS_PER_IDENTITY = 5;
    /** Command long polls one gateway may hold open at a time (a gateway needs one). */
    public static final int MAX_COMMAND_POLLS_PER_GATEWAY = 2;

    /**
     * Requests per second a gateway or an application may make on average, and in a burst; 429
     * with {@code Retry-After} beyond. A gateway pushes about once a second, several times a
     * second while it flushes a backlog; load tests reach about 30 per gateway.
     */
    public static final int MAX_REQUESTS_PER_SECOND = 100;
    public static final int MAX_REQUEST_BURST = 200;

    public static final RestSettings DEFAULT = new RestSettings(DEFAULT_ADDRESS, null, PushSettings.DEFAULT);

    /** Served over HTTPS on CXF's own Jetty at {@code https://host:port/}. */
    public static RestSettings onPort(String host, int port, PushSettings push) {
        return new RestSettings("https://" + host + ":" + port + "/", null, push);
    }

    /** Also plain HTTP, on 127.0.0.1 only. */
    public RestSettings withLoopbackHttp(int port) {
        return new RestSettings(address, port > 0 ? "http://127.0.0.1:" + port + "/" : null, push);
    }

    List<String> addresses() {
        List<String> addresses = new ArrayList<>(List.of(address));
        if (loopbackAddress != null) {
            addresses.add(loopbackAddress);
        }
        return addresses;
    }
}
