package io.homegrid.routes.parser.internal;

import java.util.List;

import io.homegrid.model.InvalidReading;
import io.homegrid.model.ReadingBatch;

/** What the parser made of one raw message: the valid readings (null if none) and the refused ones. */
public record ParseOutcome(ReadingBatch valid, List<InvalidReading> invalid) {

    public ParseOutcome {
        invalid = List.copyOf(invalid);
    }
}
