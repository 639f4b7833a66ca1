package io.homegrid.routes.rest;

/**
 * Where and how the REST API is served; the one home of its defaults.
 *
 * @param address {@code http://host:port/} on CXF's own Jetty (embedded), or a path under CXF's
 *                servlet (Karaf)
 */
public record RestSettings(String address, PushSettings push) {

    /** At the root of CXF's servlet, as the embedded mode serves it at the root of its port. */
    public static final String DEFAULT_ADDRESS = "/";

    public static final RestSettings DEFAULT = new RestSettings(DEFAULT_ADDRESS, PushSettings.DEFAULT);

    /** Served on CXF's own Jetty at {@code http://host:port/}. */
    public static RestSettings onPort(String host, int port, PushSettings push) {
        return new RestSettings("http://" + host + ":" + port + "/", push);
    }
}
