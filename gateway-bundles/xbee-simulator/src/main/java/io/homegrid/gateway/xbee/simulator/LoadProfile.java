package io.homegrid.gateway.xbee.simulator;

import java.time.LocalTime;
import java.util.Random;

/**
 * What an appliance draws through its plug over a day, in watts, when its relay is on.
 * Cycles are phase-shifted per plug (from the seed) so that fridges do not start together.
 */
public enum LoadProfile {
    FRIDGE("smart-plug", "Fridge") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            return cycling(time, phase, 40, 15, 85, 2, noise);
        }
    },
    FREEZER("smart-plug", "Freezer") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            return cycling(time, phase, 60, 25, 110, 2, noise);
        }
    },
    TV("smart-plug", "TV") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            return between(time, 18, 0, 23, 30) ? 95 + noise.nextGaussian() * 4 : 0.5;
        }
    },
    WASHING_MACHINE("smart-plug", "Washing machine") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            int start = 10 * 60 + (int) (phase * 480);
            int minute = time.toSecondOfDay() / 60 - start;
            if (minute < 0 || minute >= 95) {
                return 1;
            }
            if (minute < 20) {
                return 2000 + noise.nextGaussian() * 30;
            }
            return minute >= 85 ? 480 + noise.nextGaussian() * 20 : 250 + noise.nextGaussian() * 40;
        }
    },
    KETTLE("smart-plug", "Kettle") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            int minute = time.toSecondOfDay() / 60;
            for (int boil : new int[] {7 * 60, 12 * 60 + 30, 16 * 60, 20 * 60 + 15}) {
                if (minute >= boil && minute < boil + 3) {
                    return 2200 + noise.nextGaussian() * 20;
                }
            }
            return 0;
        }
    },
    LAMP("smart-plug", "Lamp") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            return between(time, 17, 0, 23, 0) || between(time, 6, 30, 7, 30) ? 40 : 0;
        }
    },
    COMPUTER("smart-plug", "Computer") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            return between(time, 9, 0, 18, 0) ? 60 + Math.abs(noise.nextGaussian()) * 40 : 1.5;
        }
    },
    ROUTER("smart-plug", "Router") {
        @Override
        public double watts(LocalTime time, double phase, Random noise) {
            return 8 + noise.nextGaussian() * 0.3;
        }
    };

    private final String type;
    private final String defaultName;

    LoadProfile(String type, String defaultName) {
        this.type = type;
        this.defaultName = defaultName;
    }

    public String type() {
        return type;
    }

    public String defaultName() {
        return defaultName;
    }

    /**
     * What the appliance draws at this local time of day, its relay on: public so that tests can
     * compute what a seeded household must have drawn, independently of the path that stored it.
     *
     * @param phase the plug's phase, 0 to 1
     */
    public abstract double watts(LocalTime time, double phase, Random noise);

    private static double cycling(LocalTime time, double phase, int periodMinutes, int onMinutes, double on,
            double off, Random noise) {
        double minute = time.toSecondOfDay() / 60.0 + phase * periodMinutes;
        return minute % periodMinutes < onMinutes ? on + noise.nextGaussian() * 3 : off;
    }

    private static boolean between(LocalTime time, int fromHour, int fromMinute, int toHour, int toMinute) {
        return !time.isBefore(LocalTime.of(fromHour, fromMinute)) && time.isBefore(LocalTime.of(toHour, toMinute));
    }
}
