package io.homegrid.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.homegrid.model.CepOutput;
import io.homegrid.model.InvalidReading;
import io.homegrid.model.SensorKind;
import io.homegrid.persistence.BucketSize;
import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.GatewaySummary;
import io.homegrid.persistence.ReadingBucket;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.persistence.SensorView;
import io.homegrid.persistence.StoredReading;
import io.homegrid.persistence.internal.jdbc.JdbcCepOutputs;
import io.homegrid.persistence.internal.jdbc.JdbcReadingQueries;
import io.homegrid.persistence.internal.jpa.DeviceEntity;
import io.homegrid.persistence.internal.jpa.DeviceSensor;
import io.homegrid.persistence.analysis.CommunityResiduals;
import io.homegrid.persistence.analysis.PowerRollups;
import io.homegrid.persistence.analysis.VirtualDevices;
import io.homegrid.persistence.internal.jpa.EntityQueries;
import io.homegrid.persistence.internal.jpa.GatewayEntity;
import io.homegrid.persistence.internal.jpa.InvalidReadingStore;

/** Entities from JPA, readings and latest values from JDBC, joined into the views the API serves. */
public final class RepositoryImpl implements SensorDataRepository {

    private final EntityQueries entities;
    private final JdbcReadingQueries readings;
    private final InvalidReadingStore invalid;
    private final JdbcCepOutputs cep;
    private final PowerRollups power;
    private final VirtualDevices virtualDevices;
    private final CommunityResiduals communityResiduals;

    public RepositoryImpl(EntityQueries entities, JdbcReadingQueries readings, InvalidReadingStore invalid,
            JdbcCepOutputs cep, PowerRollups power, VirtualDevices virtualDevices, CommunityResiduals communityResiduals) {
        this.virtualDevices = virtualDevices;
        this.communityResiduals = communityResiduals;
        this.entities = entities;
        this.readings = readings;
        this.invalid = invalid;
        this.cep = cep;
        this.power = power;
    }

    @Override
    public CommunityResiduals communityResiduals() {
        return communityResiduals;
    }

    @Override
    public PowerRollups power() {
        return power;
    }

    @Override
    public VirtualDevices virtualDevices() {
        return virtualDevices;
    }

    @Override
    public List<CepOutput> events(String gateway, String statement, Instant from, Instant to, int limit, Long replay) {
        return cep.read(CepOutput.EVENT, gateway, statement, from, to, limit, replay);
    }

    @Override
    public List<CepOutput> aggregates(String gateway, Instant from, Instant to, int limit, Long replay) {
        return cep.read(CepOutput.AGGREGATE, gateway, null, from, to, limit, replay);
    }

    @Override
    public List<GatewaySummary> gateways() {
        Map<String, Long> counts = entities.deviceCounts();
        List<GatewaySummary> result = new ArrayList<>();
        for (GatewayEntity gateway : entities.gateways()) {
            result.add(new GatewaySummary(gateway.id(), gateway.firstSeen(), gateway.lastSeen(),
                    counts.getOrDefault(gateway.id(), 0L)));
        }
        return result;
    }

    @Override
    public Optional<List<DeviceView>> devicesOf(String gateway) {
        if (entities.gateway(gateway).isEmpty()) {
            return Optional.empty();
        }
        List<DeviceEntity> devices = entities.devicesOf(gateway);
        Map<String, List<SensorView>> latest = readings.latest(devices.stream().map(DeviceEntity::id).toList());
        return Optional.of(devices.stream().map(d -> view(d, latest.getOrDefault(d.id(), List.of()))).toList());
    }

    @Override
    public Optional<DeviceView> device(String device) {
        return entities.device(device)
                .map(d -> view(d, readings.latest(List.of(d.id())).getOrDefault(d.id(), List.of())));
    }

    @Override
    public List<StoredReading> readings(String device, SensorKind sensor, Instant from, Instant to, int limit,
            Long replay) {
        return readings.readings(device, sensor, from, to, limit, replay);
    }

    @Override
    public List<ReadingBucket> buckets(String device, SensorKind sensor, Instant from, Instant to, BucketSize size) {
        return readings.buckets(device, sensor, from, to, size);
    }

    @Override
    public List<InvalidReading> invalidReadings(String gateway, Instant before, int limit) {
        return invalid.recent(gateway, before, limit);
    }

    @Override
    public long readingCount() {
        return readings.readingCount();
    }

    /** Described sensors and reporting sensors merged, in the order of {@link SensorKind}. */
    private static DeviceView view(DeviceEntity device, List<SensorView> latest) {
        Map<String, SensorView> sensors = new LinkedHashMap<>();
        for (DeviceSensor described : device.sensors()) {
            sensors.put(described.sensor(), new SensorView(described.sensor(), described.unit(), null, null, null));
        }
        Instant lastSeen = null;
        for (SensorView reported : latest) {
            sensors.put(reported.sensor(), reported);
            if (lastSeen == null || reported.time().isAfter(lastSeen)) {
                lastSeen = reported.time();
            }
        }
        List<SensorView> ordered = new ArrayList<>(sensors.values());
        ordered.sort(Comparator.comparing(s -> SensorKind.byId(s.sensor()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
        return new DeviceView(device.id(), device.gateway(), device.type(), device.name(), device.relay(),
                device.state(), lastSeen, ordered);
    }
}
