package io.homegrid.gateway.xbee.simulator;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Random;

/**
 * A roof's PV panels: a clear-sky curve from 06:00 to 18:00 peaking at noon, dimmed by passing
 * clouds. The clouds are two slow waves with seeded phases, so a seed gives the same sky every
 * run and two roofs of one street see different clouds.
 */
public final class SolarPanel {

    private static final double CLOUD_DEPTH = 0.6;

    private final double peakW;
    private final double phaseA;
    private final double phaseB;

    public SolarPanel(double peakW, long seed) {
        Random random = new Random(seed);
        this.peakW = peakW;
        this.phaseA = random.nextDouble() * 2 * Math.PI;
        this.phaseB = random.nextDouble() * 2 * Math.PI;
    }

    public double watts(Instant instant, LocalTime time) {
        double hour = time.toSecondOfDay() / 3600.0;
        double clearSky = hour < 6 || hour > 18 ? 0 : Math.sin((hour - 6) / 12 * Math.PI);
        double minutes = instant.toEpochMilli() / 60_000.0;
        double cloud = Math.max(0, Math.sin(minutes / 7 + phaseA) * Math.sin(minutes / 23 + phaseB));
        return peakW * clearSky * (1 - CLOUD_DEPTH * cloud);
    }
}
