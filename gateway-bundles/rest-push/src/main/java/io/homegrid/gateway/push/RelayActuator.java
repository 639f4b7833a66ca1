package io.homegrid.gateway.push;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.ProtocolAdapter;

/**
 * Switches a relay through whichever protocol adapter reaches the device and waits for the
 * device's confirmation. Both ways a switch arrives (the backend's command channel, the local
 * API) go through here; each turns the {@link Outcome} into its own answer.
 */
public final class RelayActuator {

    /** How long a device may take to confirm: a ZigBee remote AT command with retries. */
    public static final Duration CONFIRMATION = Duration.ofSeconds(8);

    private static final Logger LOG = LoggerFactory.getLogger(RelayActuator.class);

    private final Supplier<List<ProtocolAdapter>> adapters;

    public RelayActuator(Supplier<List<ProtocolAdapter>> adapters) {
        this.adapters = adapters;
    }

    /** What became of a switch. */
    public sealed interface Outcome {
    }

    /** The device confirmed this state. */
    public record Switched(boolean on) implements Outcome {
    }

    /** No radio of this gateway reaches the device. */
    public record Unreachable() implements Outcome {
    }

    /** The device did not confirm, for this reason. */
    public record NotConfirmed(String reason) implements Outcome {
    }

    /** The gateway is stopping; the switch may or may not have happened. */
    public record Stopping() implements Outcome {
    }

    public Outcome switchRelay(String device, boolean on) {
        Optional<ProtocolAdapter> adapter = adapters.get().stream().filter(a -> a.reaches(device)).findFirst();
        if (adapter.isEmpty()) {
            LOG.warn("[{}] relay not switched {}: no radio reaches this device", device, on ? "on" : "off");
            return new Unreachable();
        }
        try {
            return new Switched(adapter.get().setRelay(device, on).get(CONFIRMATION.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stopping();
        } catch (Exception e) {
            String reason = String.valueOf(e.getCause() == null ? e : e.getCause()).replaceFirst("^[\\w.]+: ", "");
            LOG.warn("[{}] relay not switched {}: {}", device, on ? "on" : "off", reason);
            return new NotConfirmed(reason);
        }
    }
}
