package io.homegrid.cep.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.homegrid.cep.CommunityMembership;
import io.homegrid.model.CepOutput;
import io.homegrid.model.CommunityResidual;
import io.homegrid.model.Reading;
import io.homegrid.model.SensorKind;

/**
 * Each community's residual load as it stands: every member device's latest power, PV and
 * battery reading summed, published every {@code interval}. A minute's average comes a minute
 * late; batteries that are to shave a peak need to hear of it within seconds. A reading older
 * than {@code fresh} (wall clock, since it arrived) no longer counts: its device went quiet.
 * Not thread-safe: the engine serialises calls.
 */
public final class CommunityLive {

    private record Latest(SensorKind sensor, double value, long time, long arrived) {
    }

    private final CommunityMembership membership;
    private final Consumer<CepOutput> sink;
    private final long interval;
    private final long fresh;
    private final Map<String, Map<String, Latest>> gateways = new HashMap<>();
    private long lastPublished = Long.MIN_VALUE;

    public CommunityLive(CommunityMembership membership, Consumer<CepOutput> sink, long interval, long fresh) {
        this.membership = membership;
        this.sink = sink;
        this.interval = interval;
        this.fresh = fresh;
    }

    /**
     * Keeps each gateway's newest power, PV and battery reading per device, of members and others
     * alike: a household that joins counts at once, with what it sent just before.
     */
    public void observe(String gateway, Reading reading, long arrived) {
        SensorKind sensor = reading.sensor();
        if (sensor != SensorKind.POWER && sensor != SensorKind.GENERATION && sensor != SensorKind.BATTERY) {
            return;
        }
        long time = reading.time().toEpochMilli();
        gateways.computeIfAbsent(gateway, g -> new HashMap<>()).merge(reading.device() + "/" + sensor.id(),
                new Latest(sensor, reading.value(), time, arrived), (old, next) -> next.time() >= old.time() ? next : old);
    }

    /** Publishes each community's residual load once {@code interval} has passed since the last time. */
    public void publish(long now) {
        if (lastPublished != Long.MIN_VALUE && now - lastPublished < interval) {
            return;
        }
        lastPublished = now;
        Map<String, CommunityMembership.Member> members = membership.gateways();
        Map<String, Sum> sums = new HashMap<>();
        gateways.forEach((gateway, latest) -> {
            latest.values().removeIf(reading -> now - reading.arrived() > fresh);
            CommunityMembership.Member member = members.get(gateway);
            if (member == null) {
                return;
            }
            for (Latest reading : latest.values()) {
                for (String community : member.communities()) {
                    sums.computeIfAbsent(community, c -> new Sum()).add(reading, member.household());
                }
            }
        });
        gateways.values().removeIf(Map::isEmpty);
        sums.forEach((community, sum) -> sink.accept(sum.output(community)));
    }

    private static final class Sum {
        double demand;
        double generation;
        double battery;
        int batteries;
        long newest = Long.MIN_VALUE;
        final Set<String> households = new HashSet<>();

        void add(Latest reading, String household) {
            switch (reading.sensor()) {
                case POWER -> demand += reading.value();
                case GENERATION -> generation += reading.value();
                default -> {
                    battery += reading.value();
                    batteries++;
                }
            }
            newest = Math.max(newest, reading.time());
            households.add(household);
        }

        CepOutput output(String community) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("community", community);
            values.put("demandWatts", demand);
            values.put("generationWatts", generation);
            values.put("batteryWatts", battery);
            values.put("residualWatts", demand - generation - battery);
            values.put("batteries", batteries);
            values.put("households", households.size());
            return new CepOutput(CommunityResidual.LIVE_STATEMENT, CepOutput.AGGREGATE, null, null,
                    Instant.ofEpochMilli(newest), values);
        }
    }
}
