package io.homegrid.gateway.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.DeviceState;
import io.homegrid.model.SensorDescription;
import io.homegrid.model.SensorKind;

/**
 * Keeps the home's devices: a device joins when it identifies itself or first reports, and has
 * left once it has been silent for the configured time (ZigBee nodes just go quiet when
 * unplugged). Every change bumps {@link #version()}, which tells the pusher to resend the list.
 */
public final class DeviceList implements DeviceDirectory, DeviceEventListener, MeasurementSink {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceList.class);
    private static final String UNKNOWN_TYPE = "unknown";

    private final Duration silence;
    private final Clock clock;
    private final Map<String, Entry> devices = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /**
     * @param silence a device that has reported nothing for this long is marked left
     */
    public DeviceList(Duration silence, Clock clock) {
        this.silence = silence;
        this.clock = clock;
    }

    @Override
    public void deviceEvent(DeviceEvent event) {
        Entry entry = devices.computeIfAbsent(event.device(), Entry::new);
        synchronized (entry) {
            boolean changed = entry.describe(event);
            entry.lastSeen = event.time();
            if (event.kind() == DeviceEvent.Kind.LEFT) {
                changed |= entry.state(DeviceState.LEFT);
            } else {
                changed |= entry.state(DeviceState.JOINED);
            }
            if (changed) {
                changed(entry);
            }
        }
    }

    @Override
    public void accept(List<Measurement> measurements) {
        for (Measurement measurement : measurements) {
            Entry entry = devices.computeIfAbsent(measurement.device(), Entry::new);
            synchronized (entry) {
                boolean changed = entry.latest.put(measurement.sensor(), measurement) == null;
                entry.lastSeen = measurement.time();
                changed |= entry.state(DeviceState.JOINED);
                if (changed) {
                    changed(entry);
                }
            }
        }
    }

    /** Marks devices silent for longer than the configured time as left; run it periodically. */
    public void sweep() {
        Instant cutoff = clock.instant().minus(silence);
        for (Entry entry : devices.values()) {
            synchronized (entry) {
                if (entry.state == DeviceState.JOINED && entry.lastSeen.isBefore(cutoff) && entry.state(DeviceState.LEFT)) {
                    LOG.info("[{}] silent since {}: marked left", entry.device, entry.lastSeen);
                    changed(entry);
                }
            }
        }
    }

    @Override
    public List<DeviceDescription> devices() {
        List<DeviceDescription> list = new ArrayList<>();
        for (Entry entry : devices.values()) {
            synchronized (entry) {
                list.add(entry.description());
            }
        }
        list.sort(Comparator.comparing(DeviceDescription::device));
        return list;
    }

    @Override
    public Optional<DeviceDescription> device(String device) {
        Entry entry = devices.get(device);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.of(entry.description());
        }
    }

    @Override
    public Optional<List<Measurement>> latest(String device) {
        Entry entry = devices.get(device);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.of(entry.latest.values().stream().sorted(Comparator.comparing(Measurement::sensor)).toList());
        }
    }

    @Override
    public long version() {
        return version.get();
    }

    private void changed(Entry entry) {
        version.incrementAndGet();
        LOG.debug("[{}] {} {} '{}'", entry.device, entry.state.id(), entry.type, entry.name);
    }

    private static final class Entry {
        private final String device;
        private final Map<SensorKind, Measurement> latest = new java.util.EnumMap<>(SensorKind.class);
        private String type = UNKNOWN_TYPE;
        private String name;
        private boolean relay;
        private DeviceState state;
        private Instant lastSeen = Instant.EPOCH;

        Entry(String device) {
            this.device = device;
        }

        boolean describe(DeviceEvent event) {
            String newType = event.type() == null ? type : event.type();
            String newName = event.name() == null ? name : event.name();
            boolean changed = !newType.equals(type) || !java.util.Objects.equals(newName, name) || relay != event.relay();
            type = newType;
            name = newName;
            relay = event.relay();
            return changed;
        }

        boolean state(DeviceState newState) {
            boolean changed = state != newState;
            state = newState;
            return changed;
        }

        DeviceDescription description() {
            List<SensorDescription> sensors = latest.keySet().stream()
                    .map(kind -> new SensorDescription(kind, kind.canonicalUnit())).toList();
            return new DeviceDescription(device, type, name, sensors, relay, state == null ? DeviceState.JOINED : state);
        }
    }
}
