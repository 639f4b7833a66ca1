package io.homegrid.persistence.internal.connector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectReader;

import io.homegrid.model.InvalidReading;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.internal.jpa.InvalidReadingStore;

/** Keeps refused readings; each message carries the refused readings of one pushed batch. */
public final class InvalidReadingsHandler implements BatchHandler {

    private static final ObjectReader READER = Json.mapper().readerFor(InvalidReading[].class);

    private final InvalidReadingStore store;

    public InvalidReadingsHandler(InvalidReadingStore store) {
        this.store = store;
    }

    @Override
    public void handle(List<Body> bodies) throws Exception {
        List<InvalidReading> invalid = new ArrayList<>();
        for (Body body : bodies) {
            invalid.addAll(Arrays.asList(READER.<InvalidReading[]>readValue(body.text())));
        }
        store.store(invalid);
    }
}
