package io.homegrid.gateway.push;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.retry.Backoff;
import io.homegrid.model.CommandResult;
import io.homegrid.model.RelayCommand;

/**
 * The backend reaches the home through a connection the gateway opens: an HTTP long poll. The
 * gateway asks for its next command, the backend answers when it has one (or after the wait),
 * the gateway executes it and reports the confirmed result. No inbound port at the home.
 */
public final class CommandChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final BackendClient backend;
    private final RelayActuator relays;
    private final Duration wait;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread worker;

    /**
     * @param wait how long each poll waits for a command
     */
    public CommandChannel(BackendClient backend, RelayActuator relays, Duration wait) {
        this.backend = backend;
        this.relays = relays;
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
        Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
        try {
            while (stop.getCount() > 0) {
                try {
                    Optional<RelayCommand> command = backend.nextCommand(wait);
                    backoff.succeeded();
                    if (command.isPresent()) {
                        backend.reportResult(execute(command.get()));
                    }
                } catch (IOException e) {
                    Duration pause = backoff.failed();
                    LOG.debug("Command channel: {}; retry in {} s", e.getMessage(), pause.toSeconds());
                    if (stop.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CommandResult execute(RelayCommand command) {
        RelayActuator.Outcome outcome = relays.switchRelay(command.device(), command.on());
        if (outcome instanceof RelayActuator.Switched switched) {
            return CommandResult.confirmed(command.id(), switched.on());
        }
        if (outcome instanceof RelayActuator.NotConfirmed notConfirmed) {
            return CommandResult.failed(command.id(), notConfirmed.reason());
        }
        if (outcome instanceof RelayActuator.Unreachable) {
            return CommandResult.failed(command.id(), "no radio of this gateway reaches device " + command.device());
        }
        return CommandResult.failed(command.id(), "gateway stopping");
    }
}
