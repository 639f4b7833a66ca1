package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Figure 4: one local day (23, 24 or 25 hours), each device's power per bucket and
 * the household's total, the sum of the devices measured in the bucket.
 */
public final class DayView {

    /** Buckets a day may be cut into at most: minutes of a 30-hour day (the longest so far had 27). */
    private static final int MAX_BUCKETS = 1_800;

    /** @param powerW the mean of the device's readings in the bucket */
    public record Point(String start, double powerW, double minW, double maxW, long measuredMinutes) {
    }

    public record DeviceSeries(String device, List<Point> series) {
    }

    /** @param powerW null when no device was measured in the bucket */
    public record Total(String start, String end, Double powerW, int devicesMeasured) {
    }

    /**
     * @param hours      the local day's length: 23 or 25 on a daylight-saving change
     * @param unmeasured what no plug measures (household meter minus plugs): null until households have a meter
     */
    public record Report(String timeZone, String date, String from, String to, int hours, String bucket,
            String resolution, List<Total> total, List<DeviceSeries> devices, List<Total> unmeasured) {
    }

    private final PowerRollups source;

    public DayView(PowerRollups source) {
        this.source = source;
    }

    public Report day(Collection<String> gateways, Collection<String> devices, LocalDate date, LocalBuckets.Width width,
            ZoneId zone) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> boundaries = new LocalBuckets(width, zone).boundaries(from, to, MAX_BUCKETS);
        Resolution level = Resolution.coarsestFor(boundaries);
        List<String> included = Devices.included(source, gateways, devices);
        int buckets = boundaries.size() - 1;
        Map<String, Acc[]> acc = new LinkedHashMap<>();
        for (String device : included) {
            Acc[] perBucket = new Acc[buckets];
            for (int i = 0; i < buckets; i++) {
                perBucket[i] = new Acc();
            }
            acc.put(device, perBucket);
        }
        for (PowerGroup row : source.grouped(gateways, included, boundaries, null, level)) {
            acc.get(row.device())[row.group()].add(row);
        }
        List<DeviceSeries> series = new ArrayList<>();
        for (Map.Entry<String, Acc[]> device : acc.entrySet()) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < buckets; i++) {
                Acc a = device.getValue()[i];
                if (a.n > 0) {
                    points.add(new Point(Devices.local(boundaries.get(i), zone), a.sum / a.n, a.min, a.max, a.minutes));
                }
            }
            series.add(new DeviceSeries(device.getKey(), points));
        }
        List<Total> total = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            double power = 0;
            int measured = 0;
            for (Acc[] device : acc.values()) {
                if (device[i].n > 0) {
                    power += device[i].sum / device[i].n;
                    measured++;
                }
            }
            total.add(new Total(Devices.local(boundaries.get(i), zone), Devices.local(boundaries.get(i + 1), zone),
                    measured > 0 ? power : null, measured));
        }
        int hours = (int) ((to.getEpochSecond() - from.getEpochSecond()) / 3_600);
        return new Report(zone.getId(), date.toString(), Devices.local(from, zone), Devices.local(to, zone), hours,
                width.id(), level.name(), total, series, null);
    }

    private static final class Acc {
        private long n;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private long minutes;

        void add(PowerGroup row) {
            n += row.n();
            sum += row.sum();
            min = Math.min(min, row.min());
            max = Math.max(max, row.max());
            minutes += row.minutes();
        }
    }
}
