package io.homegrid.launcher.internal.forecast;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

import io.homegrid.gateway.xbee.simulator.LoadProfile;

/**
 * Households for the forecast's back-test, minute by minute, from the XBee simulator's appliance
 * profiles ({@link LoadProfile}), reproducible from the seed. Unlike the simulator, whose days
 * are all alike, each day here varies as a household's do: the day's schedule moves by about 20
 * minutes around the household's own shift (up to 1.5 h either way), the washing machine runs on
 * about three days a week at a time of its own, a quarter of the kettle's boils are skipped, and
 * nobody works at the computer at the weekend. The fridge and the freezer cycle on regardless.
 */
public final class SimulatedHouseholds {

    public static final List<LoadProfile> APPLIANCES = List.of(LoadProfile.values());
    private static final int SHIFT_MINUTES = 90;

    private final long seed;
    private final ZoneId zone;

    public SimulatedHouseholds(long seed, ZoneId zone) {
        this.seed = seed;
        this.zone = zone;
    }

    /** Household {@code home}'s watts per appliance (in {@link #APPLIANCES}' order) and minute from {@code start}. */
    public double[][] minutes(int home, Instant start, int minutes) {
        Random random = new Random(seed * 1_000_003 + home);
        Random noise = new Random(seed * 7_919 + home);
        double[] phases = new double[APPLIANCES.size()];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = random.nextDouble();
        }
        int shift = random.nextInt(2 * SHIFT_MINUTES + 1) - SHIFT_MINUTES;
        double[][] watts = new double[APPLIANCES.size()][minutes];
        Day day = null;
        for (int m = 0; m < minutes; m++) {
            ZonedDateTime local = start.plusSeconds(60L * m).atZone(zone);
            if (day == null || !day.date.equals(local.toLocalDate())) {
                day = new Day(local.toLocalDate(), shift + (int) Math.round(random.nextGaussian() * 20),
                        random.nextDouble() < 3.0 / 7, random.nextDouble(), new boolean[] {random.nextDouble() < 0.25,
                                random.nextDouble() < 0.25, random.nextDouble() < 0.25, random.nextDouble() < 0.25});
            }
            LocalTime time = local.toLocalTime();
            LocalTime shifted = time.plusMinutes(day.shift);
            for (int a = 0; a < APPLIANCES.size(); a++) {
                watts[a][m] = Math.max(0, watts(APPLIANCES.get(a), day, time, shifted, phases[a], noise));
            }
        }
        return watts;
    }

    private static double watts(LoadProfile appliance, Day day, LocalTime time, LocalTime shifted, double phase,
            Random noise) {
        return switch (appliance) {
            case FRIDGE, FREEZER, ROUTER -> appliance.watts(time, phase, noise);
            case WASHING_MACHINE -> day.washes ? appliance.watts(shifted, day.washPhase, noise) : 1;
            case KETTLE -> day.skipped[boil(shifted)] ? 0 : appliance.watts(shifted, phase, noise);
            case COMPUTER -> day.weekend() ? 1.5 : appliance.watts(shifted, phase, noise);
            default -> appliance.watts(shifted, phase, noise);
        };
    }

    /** Which of the kettle's four daily boils (7:00, 12:30, 16:00, 20:15) a time belongs to. */
    private static int boil(LocalTime time) {
        int minute = time.toSecondOfDay() / 60;
        return minute < 10 * 60 ? 0 : minute < 14 * 60 ? 1 : minute < 18 * 60 ? 2 : 3;
    }

    private record Day(java.time.LocalDate date, int shift, boolean washes, double washPhase, boolean[] skipped) {

        boolean weekend() {
            return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }
}
