package io.homegrid.persistence.analysis;

import java.time.Instant;

/**
 * One rollup bucket of one device's power: the count, sum, minimum and maximum of its readings,
 * and how many of the bucket's minutes hold a reading (1 for a minute bucket).
 */
public record PowerBucket(String device, Instant start, long n, double sum, double min, double max, int minutes) {

    /** The mean of the bucket's readings, in W. */
    public double meanW() {
        return sum / n;
    }

    /** The energy of the measured minutes, in Wh: the mean power held over them (a silent minute adds nothing). */
    public double energyWh() {
        return meanW() * minutes / 60.0;
    }
}
