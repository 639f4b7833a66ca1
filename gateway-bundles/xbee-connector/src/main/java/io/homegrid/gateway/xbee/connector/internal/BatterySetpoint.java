package io.homegrid.gateway.xbee.connector.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.RemoteZigBeeDevice;
import com.digi.xbee.api.XBeeDevice;
import com.digi.xbee.api.exceptions.XBeeException;
import com.digi.xbee.api.models.XBee64BitAddress;

import io.homegrid.gateway.xbee.frames.BatteryInterface;

/**
 * Sets a battery's power by a remote AT command ({@link BatteryInterface#SETPOINT_COMMAND}) and
 * completes with the setpoint the node confirmed, on the same actuation thread as the relays:
 * the library call blocks until the node answers.
 */
public final class BatterySetpoint {

    private static final Logger LOG = LoggerFactory.getLogger(BatterySetpoint.class);

    private final Supplier<XBeeDevice> coordinator;
    private final Executor actuation;

    public BatterySetpoint(Supplier<XBeeDevice> coordinator, Executor actuation) {
        this.coordinator = coordinator;
        this.actuation = actuation;
    }

    public CompletableFuture<Double> set(String device, double watts) {
        return CompletableFuture.supplyAsync(() -> {
            XBeeDevice local = coordinator.get();
            if (local == null) {
                throw new IllegalStateException("the XBee radio is not connected");
            }
            int counts = BatteryInterface.counts(watts);
            try {
                new RemoteZigBeeDevice(local, new XBee64BitAddress(device))
                        .setParameter(BatteryInterface.SETPOINT_COMMAND, BatteryInterface.parameter(counts));
                double confirmed = BatteryInterface.watts(counts);
                LOG.debug("[{}] battery set to {} W, confirmed by the node", device, confirmed);
                return confirmed;
            } catch (XBeeException e) {
                LOG.warn("[{}] battery not set to {} W: {}", device, watts, e.getMessage());
                throw new IllegalStateException("device " + device + " did not confirm: " + e.getMessage(), e);
            }
        }, actuation);
    }
}
