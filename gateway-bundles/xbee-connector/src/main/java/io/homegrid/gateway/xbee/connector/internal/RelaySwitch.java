package io.homegrid.gateway.xbee.connector.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.RemoteZigBeeDevice;
import com.digi.xbee.api.XBeeDevice;
import com.digi.xbee.api.exceptions.XBeeException;
import com.digi.xbee.api.io.IOLine;
import com.digi.xbee.api.io.IOMode;
import com.digi.xbee.api.models.XBee64BitAddress;

/**
 * Switches a smart plug's relay (DIO4) by a remote AT command and completes with the state the
 * node confirmed. One actuation thread: the library call blocks until the node answers, which
 * must never happen on a caller's (DS, HTTP) thread.
 */
public final class RelaySwitch implements AutoCloseable {

    /** The relay of a smart plug hangs on this line. */
    public static final IOLine RELAY = IOLine.DIO4_AD4;

    private static final Logger LOG = LoggerFactory.getLogger(RelaySwitch.class);

    private final Supplier<XBeeDevice> coordinator;
    private final ExecutorService actuation = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "xbee-actuation");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param coordinator the connected coordinator, or null while the radio is away
     */
    public RelaySwitch(Supplier<XBeeDevice> coordinator) {
        this.coordinator = coordinator;
    }

    /** The actuation thread, for the other remote commands that wait for a node's answer. */
    public Executor actuation() {
        return actuation;
    }

    public CompletableFuture<Boolean> setRelay(String device, boolean on) {
        return CompletableFuture.supplyAsync(() -> {
            XBeeDevice local = coordinator.get();
            if (local == null) {
                throw new IllegalStateException("the XBee radio is not connected");
            }
            try {
                new RemoteZigBeeDevice(local, new XBee64BitAddress(device))
                        .setIOConfiguration(RELAY, on ? IOMode.DIGITAL_OUT_HIGH : IOMode.DIGITAL_OUT_LOW);
                LOG.info("[{}] relay switched {}, confirmed by the node", device, on ? "on" : "off");
                return on;
            } catch (XBeeException e) {
                LOG.warn("[{}] relay not switched {}: {}", device, on ? "on" : "off", e.getMessage());
                throw new IllegalStateException("device " + device + " did not confirm: " + e.getMessage(), e);
            }
        }, actuation);
    }

    @Override
    public void close() {
        actuation.shutdownNow();
    }
}
