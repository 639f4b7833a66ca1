package io.homegrid.persistence.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Synthetic device histories for the forecast tests. */
final class Histories {

    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    private Histories() {
    }

    /** One series per device, {@code slots} long, each slot's watts from its function. */
    static DeviceHistory of(Duration step, int slots, List<String> devices, List<IntToDoubleFunction> watts) {
        double[][] series = new double[devices.size()][slots];
        for (int d = 0; d < devices.size(); d++) {
            for (int i = 0; i < slots; i++) {
                series[d][i] = watts.get(d).applyAsDouble(i);
            }
        }
        return new DeviceHistory(START, step, ZoneOffset.UTC, devices, series);
    }
}
