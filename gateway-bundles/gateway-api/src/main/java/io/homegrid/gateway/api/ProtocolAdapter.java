package io.homegrid.gateway.api;

import java.util.concurrent.CompletableFuture;

/**
 * The extension point of the connector pool: one bundle per radio protocol. An adapter reports
 * samples and device events to the whiteboard listeners and executes actuation.
 */
public interface ProtocolAdapter {

    /** Short protocol name, e.g. {@code xbee}. */
    String protocol();

    /** Whether the radio is connected right now. */
    boolean connected();

    /** Whether this adapter reaches the device (it has seen it on its network). */
    boolean reaches(String device);

    /**
     * Switches a device's relay and completes with the state the device confirmed; completes
     * exceptionally if the device did not confirm.
     */
    CompletableFuture<Boolean> setRelay(String device, boolean on);

    /**
     * Sets a battery's power (+ discharge, − charge) and completes with the setpoint the device
     * confirmed; completes exceptionally if it did not, or if this radio drives no batteries.
     */
    default CompletableFuture<Double> setBatteryPower(String device, double watts) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(protocol()
                + " drives no batteries"));
    }

    /** Asks the network which devices are there; answers arrive as {@link DeviceEvent}s. */
    void discover();
}
