package io.homegrid.launcher.internal.community;

import java.time.LocalTime;
import java.util.Random;

import io.homegrid.gateway.xbee.simulator.LoadProfile;

/**
 * A community's households, minute by minute: each draws what the simulator's appliances draw
 * (fridge, freezer, TV, washing machine, kettle, lamp, computer, router), with its own phases and
 * its own day shifted by up to an hour and a half either way, so that a thousand kettles do not
 * boil in the same minute. A share of them has a PV array: a clear-sky curve, with clouds drawn
 * per day and per quarter hour from the seed, changing gradually across each quarter hour.
 */
final class Households {

    private static final LoadProfile[] APPLIANCES = LoadProfile.values();
    private static final int SHIFT_MINUTES = 90;

    private final int homes;
    private final int days;
    private final double pvShare;
    private final double pvPeakW;
    private final long seed;

    Households(int homes, int days, double pvShare, double pvPeakW, long seed) {
        this.homes = homes;
        this.days = days;
        this.pvShare = pvShare;
        this.pvPeakW = pvPeakW;
        this.seed = seed;
    }

    int minutes() {
        return days * 24 * 60;
    }

    /** The community's residual load per minute: every home's demand minus its PV, summed. */
    double[] residualW() {
        double[] residual = new double[minutes()];
        double[] clouds = clouds();
        for (int home = 0; home < homes; home++) {
            Random random = new Random(seed * 1_000_003 + home);
            double[] phases = new double[APPLIANCES.length];
            for (int i = 0; i < phases.length; i++) {
                phases[i] = random.nextDouble();
            }
            int shift = random.nextInt(2 * SHIFT_MINUTES + 1) - SHIFT_MINUTES;
            boolean pv = random.nextDouble() < pvShare;
            for (int minute = 0; minute < residual.length; minute++) {
                LocalTime time = LocalTime.ofSecondOfDay(Math.floorMod(minute + shift, 24 * 60) * 60L);
                double demand = 0;
                for (int i = 0; i < APPLIANCES.length; i++) {
                    demand += Math.max(0, APPLIANCES[i].watts(time, phases[i], random));
                }
                residual[minute] += demand - (pv ? pv(minute, clouds) : 0);
            }
        }
        return residual;
    }

    /** PV output of one array: a sine from 6:00 to 20:00 (summer), times that quarter hour's sky. */
    private double pv(int minute, double[] clouds) {
        double hour = (minute % (24 * 60)) / 60.0;
        if (hour < 6 || hour > 20) {
            return 0;
        }
        // clouds drift over the region: the sky changes across each quarter hour, not at its edge
        int quarter = minute / 15;
        double across = (minute % 15) / 15.0;
        double sky = clouds[quarter] * (1 - across) + clouds[Math.min(quarter + 1, clouds.length - 1)] * across;
        return pvPeakW * Math.sin(Math.PI * (hour - 6) / 14) * sky;
    }

    /** The sky per quarter hour: a day's cloudiness, and passing clouds around it. */
    private double[] clouds() {
        Random random = new Random(seed);
        double[] sky = new double[minutes() / 15 + 1];
        for (int day = 0; day < days; day++) {
            double cloudiness = random.nextDouble() * 0.7;
            for (int q = 0; q < 96; q++) {
                double passing = random.nextDouble() < cloudiness ? 0.2 + 0.5 * random.nextDouble() : 1;
                sky[day * 96 + q] = passing;
            }
        }
        return sky;
    }
}
