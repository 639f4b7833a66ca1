package io.homegrid.persistence;

import java.time.Instant;
import java.util.List;

import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.model.json.Json;

/** Reading batches for tests, and their wire JSON. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    private Fixtures() {
    }

    public static Reading power(String device, double watts, Instant time, long seq) {
        return new Reading(device, SensorKind.POWER, watts, "W", time, seq);
    }

    public static ReadingBatch batch(String gateway, Reading... readings) {
        return new ReadingBatch(gateway, List.of(readings));
    }

    public static String json(Object document) {
        try {
            return Json.mapper().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
