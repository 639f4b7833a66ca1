package io.homegrid.persistence.analysis;

/**
 * One device's rollup buckets summed into one group of an analysis (a local bucket, or a weekday
 * slot of a profile): the count, sum, minimum and maximum of their readings, their measured
 * minutes, and their energy (each bucket's mean power over its measured minutes, added up).
 */
public record PowerGroup(String device, int group, long n, double sum, double min, double max, long minutes,
        double energyWh) {

    /** The mean of the group's readings, in W. */
    public double meanW() {
        return sum / n;
    }
}
