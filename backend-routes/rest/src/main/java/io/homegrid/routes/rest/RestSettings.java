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
 * @param requests        how much of the server one caller may take
 */
public record RestSettings(String address, String loopbackAddress, PushSettings push, RequestLimits requests) {

    /** At the root of CXF's servlet, as the embedded mode serves it at the root of its port. */
    public static final String DEFAULT_ADDRESS = "/";

    public static final RestSettings DEFAULT = new RestSettings(DEFAULT_ADDRESS, null, PushSettings.DEFAULT,
            RequestLimits.DEFAULT);

    /** Served over HTTPS on CXF's own Jetty at {@code https://host:port/}. */
    public static RestSettings onPort(String host, int port, PushSettings push) {
        return new RestSettings("https://" + host + ":" + port + "/", null, push, RequestLimits.DEFAULT);
    }

    /** Also plain HTTP, on 127.0.0.1 only. */
    public RestSettings withLoopbackHttp(int port) {
        return new RestSettings(address, port > 0 ? "http://127.0.0.1:" + port + "/" : null, push, requests);
    }

    public RestSettings withRequests(RequestLimits limits) {
        return new RestSettings(address, loopbackAddress, push, limits);
    }

    List<String> addresses() {
        List<String> addresses = new ArrayList<>(List.of(address));
        if (loopbackAddress != null) {
            addresses.add(loopbackAddress);
        }
        return addresses;
    }
}
