package io.homegrid.persistence.analysis;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where the analyses read power from: the rollups the ingest path keeps. */
public interface PowerRollups {

    /** The power devices of these gateways, whether or not they reported in a period. */
    List<String> powerDevices(Collection<String> gateways);

    /**
     * The power buckets of these devices of these gateways in [from, to) at this level, oldest first;
     * {@code from} and {@code to} must lie on the level's boundaries.
     */
    List<PowerBucket> power(Collection<String> gateways, Collection<String> devices, Instant from, Instant to,
            Resolution level);
}
