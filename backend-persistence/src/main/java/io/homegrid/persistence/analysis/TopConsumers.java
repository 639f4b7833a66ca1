package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A household's devices ranked by energy over a period, with their cost at a tariff (flat, or
 * priced per local hour), their share of the household's measured energy, and their standby
 * energy: the device's baseline (the median of its lowest reading in each local hour: what it
 * draws while "off") held over every minute it was measured, capped by the hour's mean.
 */
public final class TopConsumers {

    /** @param share of the energy of all the household's devices in the period, 0 to 1 */
    public record Consumer(int rank, String device, double energyWh, double cost, double share, double standbyW,
            double standbyWh, long measuredMinutes, long missingMinutes) {
    }

    public record Report(String timeZone, String from, String to, String resolution, Tariff tariff, double energyWh,
            double cost, List<Consumer> devices) {
    }

    private final PowerRollups source;

    public TopConsumers(PowerRollups source) {
        this.source = source;
    }

    /** @param from a whole minute; so is {@code to} */
    public Report rank(Collection<String> gateways, Collection<String> devices, Instant from, Instant to, Tariff tariff,
            ZoneId zone) {
        // Local hours cut the period, so that each group has one price.
        List<Instant> hours = new LocalBuckets(LocalBuckets.Width.HOUR, zone).boundaries(from, to, Integer.MAX_VALUE - 1);
        Resolution level = Resolution.coarsestFor(hours);
        List<String> included = Devices.included(source, gateways, devices);
        Map<String, List<PowerGroup>> rows = new LinkedHashMap<>();
        for (String device : included) {
            rows.put(device, new ArrayList<>());
        }
        for (PowerGroup row : source.grouped(gateways, included, hours, null, level)) {
            rows.get(row.device()).add(row);
        }
        long periodMinutes = (to.getEpochSecond() - from.getEpochSecond()) / 60;
        List<Consumer> unranked = new ArrayList<>();
        for (Map.Entry<String, List<PowerGroup>> device : rows.entrySet()) {
            double energy = 0;
            double cost = 0;
            long minutes = 0;
            for (PowerGroup row : device.getValue()) {
                energy += row.energyWh();
                cost += row.energyWh() / 1_000 * tariff.price(hours.get(row.group()).atZone(zone).getHour());
                minutes += row.minutes();
            }
            double baseline = baseline(device.getValue());
            double standby = 0;
            for (PowerGroup row : device.getValue()) {
                standby += Math.min(baseline, row.meanW()) * row.minutes() / 60.0;
            }
            unranked.add(new Consumer(0, device.getKey(), energy, cost, 0, baseline, standby, minutes,
                    periodMinutes - minutes));
        }
        double total = unranked.stream().mapToDouble(Consumer::energyWh).sum();
        double totalCost = unranked.stream().mapToDouble(Consumer::cost).sum();
        unranked.sort(Comparator.comparingDouble(Consumer::energyWh).reversed().thenComparing(Consumer::device));
        List<Consumer> ranked = new ArrayList<>(unranked.size());
        for (int i = 0; i < unranked.size(); i++) {
            Consumer c = unranked.get(i);
            ranked.add(new Consumer(i + 1, c.device(), c.energyWh(), c.cost(), total > 0 ? c.energyWh() / total : 0,
                    c.standbyW(), c.standbyWh(), c.measuredMinutes(), c.missingMinutes()));
        }
        return new Report(zone.getId(), Devices.local(from, zone), Devices.local(to, zone), level.name(), tariff, total,
                totalCost, ranked);
    }

    /** The median of the hours' minimum readings; 0 for a device with none. */
    static double baseline(List<PowerGroup> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        double[] lows = rows.stream().mapToDouble(PowerGroup::min).sorted().toArray();
        int mid = lows.length / 2;
        return lows.length % 2 == 1 ? lows[mid] : (lows[mid - 1] + lows[mid]) / 2;
    }
}
