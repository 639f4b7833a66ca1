package io.homegrid.gateway.push;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.retry.Backoff;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.GatewayCommand;

/**
 * The backend reaches the home through a connection the gateway opens: an HTTP long poll. The
 * gateway asks for its next command, the backend answers when it has one (or after the wait),
 * the gateway executes it and reports the confirmed result. No inbound port at the home. A
 * community signal is only heard: the backend waits for no result of it.
 */
public final class CommandChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** How long closing waits for a command in progress to be carried out and reported. */
    private static final Duration FINISH = Duration.ofSeconds(5);

    private final BackendClient backend;
    private final GatewayCommands commands;
    private final Duration wait;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread worker;
    /** Set while a command is carried out and reported: closing then lets it finish. */
    private volatile boolean busy;

    /**
     * @param wait how long each poll waits for a command
     */
    public CommandChannel(BackendClient backend, GatewayCommands commands, Duration wait) {
        this.backend = backend;
        this.commands = commands;
        this.wait = wait;
        this.worker = new Thread(this::run, "command-channel");
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    /**
     * Stops polling. A command in progress is finished and reported first (up to a few seconds):
     * a configuration change restarts this channel in OSGi, and its confirmation must still arrive.
     */
    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        if (!busy) {
            worker.interrupt();
        }
        worker.join(FINISH.toMillis());
        worker.interrupt();
    }

    private void run() {
        Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
        try {
            while (stop.getCount() > 0) {
                try {
                    Optional<GatewayCommand> command = backend.nextCommand(wait);
                    backoff.succeeded();
                    if (command.isPresent() && command.get() instanceof CommunitySignal signal) {
                        commands.hear(signal);
                    } else if (command.isPresent()) {
                        busy = true;
                        try {
                            backend.reportResult(commands.execute(command.get()));
                        } finally {
                            busy = false;
                        }
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
}
