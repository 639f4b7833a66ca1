package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy in Wh of a household's devices over a period, per local bucket: each rollup bucket's mean
 * power held over the minutes it measured. A minute without a reading adds nothing and is
 * reported missing, so a plug that was silent for an hour is not assumed to have drawn its last
 * value.
 */
public final class EnergyAnalysis {

    /** Buckets one answer holds at most. */
    public static final int MAX_BUCKETS = 5_000;

    /**
     * @param missingMinutes minutes of the period without a reading of this device
     */
    public record DeviceEnergy(String device, double energyWh, long measuredMinutes, long missingMinutes) {
    }

    /**
     * @param start             local time with its offset
     * @param missingMinutes    device-minutes of the bucket without a reading, summed over the devices
     * @param devices           each device's energy in the bucket, when asked for
     */
    public record Bucket(String start, String end, double energyWh, long missingMinutes, Map<String, Double> devices) {
    }

    public record Report(String timeZone, String from, String to, String bucket, String resolution, double energyWh,
            long missingMinutes, List<DeviceEnergy> devices, List<Bucket> buckets) {
    }

    private final PowerRollups source;

    public EnergyAnalysis(PowerRollups source) {
        this.source = source;
    }

    /**
     * @param devices the devices to include (null: every power device of the gateways)
     * @param from    a whole minute; so is {@code to}
     * @throws LocalBuckets.TooManyBuckets if the period holds more than {@link #MAX_BUCKETS} buckets
     */
    public Report energy(Collection<String> gateways, Collection<String> devices, Instant from, Instant to,
            LocalBuckets.Width width, ZoneId zone, boolean byDevice) {
        List<Instant> boundaries = new LocalBuckets(width, zone).boundaries(from, to, MAX_BUCKETS);
        Resolution level = Resolution.coarsestFor(boundaries);
        List<String> included = Devices.included(source, gateways, devices);
        int buckets = boundaries.size() - 1;
        Map<String, double[]> energy = new LinkedHashMap<>();
        Map<String, long[]> measured = new LinkedHashMap<>();
        for (String device : included) {
            energy.put(device, new double[buckets]);
            measured.put(device, new long[buckets]);
        }
        for (PowerGroup row : source.grouped(gateways, included, boundaries, null, level)) {
            energy.get(row.device())[row.group()] += row.energyWh();
            measured.get(row.device())[row.group()] += row.minutes();
        }

        List<Bucket> out = new ArrayList<>(buckets);
        double total = 0;
        long missing = 0;
        for (int i = 0; i < buckets; i++) {
            long minutes = (boundaries.get(i + 1).getEpochSecond() - boundaries.get(i).getEpochSecond()) / 60;
            double sum = 0;
            long absent = 0;
            Map<String, Double> perDevice = byDevice ? new LinkedHashMap<>() : null;
            for (String device : included) {
                double wh = energy.get(device)[i];
                sum += wh;
                absent += minutes - measured.get(device)[i];
                if (perDevice != null) {
                    perDevice.put(device, wh);
                }
            }
            total += sum;
            missing += absent;
            out.add(new Bucket(Devices.local(boundaries.get(i), zone), Devices.local(boundaries.get(i + 1), zone), sum,
                    absent, perDevice == null ? null : Collections.unmodifiableMap(perDevice)));
        }
        long periodMinutes = (to.getEpochSecond() - from.getEpochSecond()) / 60;
        List<DeviceEnergy> perDevice = new ArrayList<>();
        for (String device : included) {
            double wh = 0;
            long minutes = 0;
            for (int i = 0; i < buckets; i++) {
                wh += energy.get(device)[i];
                minutes += measured.get(device)[i];
            }
            perDevice.add(new DeviceEnergy(device, wh, minutes, periodMinutes - minutes));
        }
        return new Report(zone.getId(), Devices.local(from, zone), Devices.local(to, zone), width.id(), level.name(),
                total, missing, perDevice, out);
    }
}
