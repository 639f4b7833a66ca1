package io.homegrid.gateway.push;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.model.CommandResult;
import io.homegrid.model.RelayCommand;

/**
 * The backend reaches the home through a connection the gateway opens: an HTTP long poll. The
 * gateway asks for its next command, the backend answers when it has one (or after the wait),
 * the gateway executes it and reports the confirmed result. No inbound port at the home.
 */
public final class CommandChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);
    /** How long each poll waits for a command: shorter costs requests, longer costs shutdown time. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    private static final Duration CONFIRMATION = Duration.ofSeconds(8);

    private final BackendClient backend;
    private final Supplier<List<ProtocolAdapter>> adapters;
    private final Duration wait;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread worker;

    public CommandChannel(BackendClient backend, Supplier<List<ProtocolAdapter>> adapters, Duration wait) {
        this.backend = backend;
        this.adapters = adapters;
        this.wait = wait;
        this.worker = new Thread(this::run, "command-channel");
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        stop.countDown();
        worker.interrupt();
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (stop.getCount() > 0) {
            try {
                Optional<RelayCommand> command = backend.nextCommand(wait);
                backoff = Duration.ofSeconds(1);
                if (command.isPresent()) {
                    backend.reportResult(execute(command.get()));
                }
            } catch (IOException e) {
                LOG.debug("Command channel: {}; retry in {} s", e.getMessage(), backoff.toSeconds());
                try {
                    if (stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    CommandResult execute(RelayCommand command) {
        Optional<ProtocolAdapter> adapter = adapters.get().stream().filter(a -> a.reaches(command.device())).findFirst();
        if (adapter.isEmpty()) {
            LOG.warn("[{}] relay command {}: no radio reaches this device", command.device(), command.id());
            return CommandResult.failed(command.id(), "no radio of this gateway reaches device " + command.device());
        }
        try {
            boolean confirmed = adapter.get().setRelay(command.device(), command.on())
                    .get(CONFIRMATION.toMillis(), TimeUnit.MILLISECONDS);
            return CommandResult.confirmed(command.id(), confirmed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandResult.failed(command.id(), "gateway stopping");
        } catch (Exception e) {
            LOG.warn("[{}] relay command {} failed: {}", command.device(), command.id(), e.getMessage());
            return CommandResult.failed(command.id(), String.valueOf(e.getCause() == null ? e : e.getCause()).replaceFirst("^[\\w.]+: ", ""));
        }
    }
}
