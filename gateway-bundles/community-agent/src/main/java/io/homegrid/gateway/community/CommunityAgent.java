package io.homegrid.gateway.community;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.model.CommandResult;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.SensorKind;
import io.homegrid.model.SetpointCommand;

/**
 * The household's community agent, running: every step it decides its battery's power with the
 * {@link PeakShaver} from the community's latest signal, or from the household's own net load
 * against its own limits while no signal has come for a while (the backend is out of reach), and
 * sets it through the radio that reaches the battery. Each setpoint the battery confirmed is
 * recorded as a {@code setpoint} reading of the battery, beside the battery's own power and state
 * of charge, which are its effect. A setpoint asked from outside ({@link #hold}) takes the place
 * of its decisions for the minutes asked, within the battery's power and its state of charge's
 * bounds. The one assembly of the bundle: its DS component and the
 * embedded gateway both start it.
 */
public final class CommunityAgent implements CommunityListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommunityAgent.class);

    private record Heard(CommunitySignal signal, long at) {
    }

    private record Held(double watts, long until) {
    }

    private final AgentSettings settings;
    private final DeviceDirectory devices;
    private final Supplier<List<ProtocolAdapter>> adapters;
    private final Supplier<List<MeasurementSink>> records;
    private final Clock clock;
    private final PeakShaver shaver;
    private final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "community-agent");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Heard heard;
    private volatile Held held;
    private String mode = "";

    private CommunityAgent(AgentSettings settings, DeviceDirectory devices, Supplier<List<ProtocolAdapter>> adapters,
            Supplier<List<MeasurementSink>> records, Clock clock) {
        this.settings = settings;
        this.devices = devices;
        this.adapters = adapters;
        this.records = records;
        this.clock = clock;
        this.shaver = new PeakShaver(settings.battery(), settings.shaving());
    }

    /** @param records where each confirmed setpoint is recorded (the cache, so that it reaches the backend) */
    public static CommunityAgent start(AgentSettings settings, DeviceDirectory devices,
            Supplier<List<ProtocolAdapter>> adapters, Supplier<List<MeasurementSink>> records, Clock clock) {
        CommunityAgent agent = new CommunityAgent(settings, devices, adapters, records, clock);
        long step = settings.step().toMillis();
        agent.steps.scheduleWithFixedDelay(agent::stepSafely, step, step, TimeUnit.MILLISECONDS);
        LOG.info("Community agent deciding its battery's power every {}, on its own limits after {} without a signal",
                settings.step(), settings.signalTimeout());
        return agent;
    }

    @Override
    public void signal(CommunitySignal signal) {
        heard = new Heard(signal, clock.millis());
    }

    /**
     * Holds the battery at the setpoint asked from now for the minutes asked; refused, naming the
     * field, beyond the battery's power or for a battery this agent does not control. Applied at
     * once; the answer is what the battery confirmed.
     */
    @Override
    public Optional<CommandResult> hold(SetpointCommand command) {
        Optional<String> battery = battery();
        if (battery.isEmpty() || !battery.get().equals(command.device())) {
            return Optional.empty();
        }
        Battery limits = settings.battery();
        if (!Double.isFinite(command.watts()) || command.watts() > limits.maxDischargeW()
                || command.watts() < -limits.maxChargeW()) {
            return Optional.of(CommandResult.refused(command.id(), "watts", "beyond the battery's power: from -"
                    + limits.maxChargeW() + " W (charging) to " + limits.maxDischargeW() + " W (discharging); was "
                    + command.watts() + " W"));
        }
        if (command.minutes() < 1 || command.minutes() > SetpointCommand.MOST_MINUTES) {
            return Optional.of(CommandResult.refused(command.id(), "minutes", "from 1 to " + SetpointCommand.MOST_MINUTES
                    + "; was " + command.minutes()));
        }
        held = new Held(command.watts(), clock.millis() + command.minutes() * 60_000L);
        try {
            // on the agent's thread, as every step: the shaver is not shared
            double confirmed = steps.submit(this::step).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            return Optional.of(CommandResult.held(command.id(), confirmed));
        } catch (ExecutionException e) {
            return Optional.of(CommandResult.failed(command.id(), "the battery did not take it: "
                    + e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return Optional.of(CommandResult.failed(command.id(), "the battery did not confirm within 10 s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(CommandResult.failed(command.id(), "gateway stopping"));
        } catch (RejectedExecutionException e) {
            return Optional.of(CommandResult.failed(command.id(), "the community agent is stopping"));
        }
    }

    /** The setpoint in effect, + discharge, − charge. */
    public double setpointW() {
        return shaver.setpointW();
    }

    private void stepSafely() {
        try {
            // a setpoint not confirmed is logged where it fails; the next step tries again
            step();
        } catch (RuntimeException e) {
            LOG.warn("Community agent step failed; the battery keeps its last setpoint", e);
        }
    }

    /** Decides and sends the battery's power; completes with what the battery confirmed. */
    private CompletableFuture<Double> step() {
        Optional<String> battery = battery();
        if (battery.isEmpty()) {
            return idle("no battery known on this gateway");
        }
        Optional<Double> soc = latest(battery.get(), SensorKind.SOC);
        if (soc.isEmpty()) {
            return idle("battery " + battery.get() + " has reported no state of charge yet");
        }
        long now = clock.millis();
        double storedWh = soc.get() / 100 * settings.battery().capacityWh();
        double stepHours = settings.step().toMillis() / 3_600_000.0;
        Heard last = heard;
        Held hold = held;
        double setpoint;
        if (hold != null && now < hold.until()) {
            mode("held " + hold.watts() + " " + hold.until(), "holding battery " + battery.get() + " at " + hold.watts()
                    + " W until " + Instant.ofEpochMilli(hold.until()) + ", as asked");
            setpoint = shaver.hold(hold.watts(), storedWh, now, stepHours);
        } else if (last != null && now - last.at() <= settings.signalTimeout().toMillis()) {
            CommunitySignal signal = last.signal();
            mode("community", "following community '" + signal.community() + "' (limit " + signal.limitWatts()
                    + " W, recharge below " + signal.lowerLimitWatts() + " W)");
            setpoint = shaver.next(signal.measuredAt().toEpochMilli(), signal.residualWatts(), signal.batteries(),
                    signal.limitWatts(), signal.lowerLimitWatts(), storedWh, now, stepHours);
        } else {
            mode("own", "no community signal for " + settings.signalTimeout() + ": the household's own limit "
                    + settings.shaving().fallbackUpperW() + " W holds");
            setpoint = shaver.fallback(householdNetW(), storedWh, now, stepHours);
        }
        return apply(battery.get(), setpoint, now);
    }

    private CompletableFuture<Double> idle(String why) {
        mode("idle", why);
        return CompletableFuture.failedFuture(new IllegalStateException(why));
    }

    private CompletableFuture<Double> apply(String battery, double setpoint, long now) {
        Optional<ProtocolAdapter> radio = adapters.get().stream().filter(adapter -> adapter.reaches(battery)).findFirst();
        if (radio.isEmpty()) {
            LOG.debug("[{}] no radio reaches the battery now; setpoint {} W not sent", battery, setpoint);
            return CompletableFuture.failedFuture(new IllegalStateException("no radio reaches battery " + battery));
        }
        return radio.get().setBatteryPower(battery, setpoint).whenComplete((confirmed, failure) -> {
            if (failure != null) {
                LOG.warn("[{}] battery setpoint {} W not confirmed: {}", battery, setpoint, failure.getMessage());
                return;
            }
            List<Measurement> record = List.of(new Measurement(battery, SensorKind.SETPOINT, confirmed,
                    Instant.ofEpochMilli(now)));
            records.get().forEach(sink -> sink.accept(record));
        });
    }

    /** The configured battery, or the first one the gateway knows. */
    private Optional<String> battery() {
        if (!settings.batteryDevice().isBlank()) {
            return Optional.of(settings.batteryDevice());
        }
        return devices.devices().stream().filter(d -> AgentSettings.BATTERY_TYPE.equals(d.type()))
                .map(DeviceDescription::device).sorted().findFirst();
    }

    /** What the household draws from the grid now: its devices' power less its PV and its battery. */
    private double householdNetW() {
        double net = 0;
        for (DeviceDescription device : devices.devices()) {
            for (Measurement measurement : devices.latest(device.device()).orElse(List.of())) {
                switch (measurement.sensor()) {
                    case POWER -> net += measurement.value();
                    case GENERATION, BATTERY -> net -= measurement.value();
                    default -> {
                        // other sensors are no load
                    }
                }
            }
        }
        return net;
    }

    private Optional<Double> latest(String device, SensorKind sensor) {
        return devices.latest(device).orElse(List.of()).stream().filter(m -> m.sensor() == sensor)
                .map(Measurement::value).findFirst();
    }

    private void mode(String next, String why) {
        if (!next.equals(mode)) {
            LOG.info("Community agent: {}", why);
            mode = next;
        }
    }

    @Override
    public void close() {
        steps.shutdownNow();
    }
}
