package io.homegrid.model;

import java.util.List;
import java.util.Objects;

/** What a gateway pushes: readings of its devices, in the order it took them. */
public record ReadingBatch(String gateway, List<Reading> readings) {

    public ReadingBatch {
        Objects.requireNonNull(gateway, "gateway");
        readings = List.copyOf(readings);
    }
}
