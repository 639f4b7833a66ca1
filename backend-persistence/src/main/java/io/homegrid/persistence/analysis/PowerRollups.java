package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where the analyses read power from: the rollups the ingest path keeps. */
public interface PowerRollups {

    /** The power devices of these gateways, whether or not they reported in a period. */
    List<String> powerDevices(Collection<String> gateways);

    /**
     * The power rollup buckets of these devices of these gateways at this level, summed in the
     * database per device and group: a bucket in
     * [boundaries[i], boundaries[i+1]) belongs to group {@code groups[i]}, or to group {@code i}
     * when {@code groups} is null. The boundaries lie on the level's; the last one ends the period.
     */
    List<PowerGroup> grouped(Collection<String> gateways, Collection<String> devices, List<Instant> boundaries,
            int[] groups, Resolution level);
}
