package io.homegrid.gateway.community;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.model.CommunitySignal;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.SensorKind;

/**
 * The household's community agent, running: every step it decides its battery's power with the
 * {@link PeakShaver} from the community's latest signal, or from the household's own net load
 * against its own limits while no signal has come for a while (the backend is out of reach), and
 * sets it through the radio that reaches the battery. Each setpoint the battery confirmed is
 * recorded as a {@code setpoint} reading of the battery, beside the battery's own power and state
 * of charge, which are its effect. The one assembly of the bundle: its DS component and the
 * embedded gateway both start it.
 */
public final class CommunityAgent implements CommunityListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommunityAgent.class);

    private record Heard(CommunitySignal signal, long at) {
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

    /** The setpoint in effect, + discharge, − charge. */
    public double setpointW() {
        return shaver.setpointW();
    }

    private void stepSafely() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.warn("Community agent step failed; the battery keeps its last setpoint", e);
        }
    }

    private void step() {
        Optional<String> battery = battery();
        if (battery.isEmpty()) {
            mode("idle", "no battery known on this gateway");
            return;
        }
        Optional<Double> soc = latest(battery.get(), SensorKind.SOC);
        if (soc.isEmpty()) {
            mode("idle", "battery " + battery.get() + " has reported no state of charge yet");
            return;
        }
        long now = clock.millis();
        double storedWh = soc.get() / 100 * settings.battery().capacityWh();
        double stepHours = settings.step().toMillis() / 3_600_000.0;
        Heard last = heard;
        double setpoint;
        if (last != null && now - last.at() <= settings.signalTimeout().toMillis()) {
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
        apply(battery.get(), setpoint, now);
    }

    private void apply(String battery, double setpoint, long now) {
        Optional<ProtocolAdapter> radio = adapters.get().stream().filter(adapter -> adapter.reaches(battery)).findFirst();
        if (radio.isEmpty()) {
            LOG.debug("[{}] no radio reaches the battery now; setpoint {} W not sent", battery, setpoint);
            return;
        }
        radio.get().setBatteryPower(battery, setpoint).whenComplete((confirmed, failure) -> {
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
