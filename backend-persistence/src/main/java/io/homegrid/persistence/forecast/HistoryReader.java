package io.homegrid.persistence.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.homegrid.persistence.analysis.PowerGroup;
import io.homegrid.persistence.analysis.PowerRollups;
import io.homegrid.persistence.analysis.Resolution;

/**
 * Reads a household's {@link DeviceHistory} from the power rollups: one query, summed in the
 * database per device and slot, at the coarsest rollup level the step lies on (a quarter hour of
 * four weeks is 2,688 rows a device).
 */
public final class HistoryReader {

    private final PowerRollups rollups;

    public HistoryReader(PowerRollups rollups) {
        this.rollups = rollups;
    }

    /**
     * @param devices the devices to read (null: all the gateways' power devices)
     * @param end     the end of the last slot, on the step's UTC grid
     * @param slots   how many slots before {@code end}
     */
    public DeviceHistory read(Collection<String> gateways, Collection<String> devices, Instant end, Duration step,
            int slots, ZoneId zone) {
        Instant start = end.minus(step.multipliedBy(slots));
        List<String> included = rollups.powerDevices(gateways).stream()
                .filter(device -> devices == null || devices.contains(device)).toList();
        double[][] watts = new double[included.size()][slots];
        for (double[] series : watts) {
            Arrays.fill(series, Double.NaN);
        }
        if (!included.isEmpty() && slots > 0) {
            List<Instant> boundaries = new ArrayList<>(slots + 1);
            for (int i = 0; i <= slots; i++) {
                boundaries.add(start.plus(step.multipliedBy(i)));
            }
            Map<String, Integer> index = new HashMap<>();
            for (int d = 0; d < included.size(); d++) {
                index.put(included.get(d), d);
            }
            for (PowerGroup group : rollups.grouped(gateways, included, boundaries, null,
                    Resolution.coarsestFor(boundaries))) {
                if (group.n() > 0) {
                    watts[index.get(group.device())][group.group()] = group.meanW();
                }
            }
        }
        return new DeviceHistory(start, step, zone, included, watts);
    }
}
