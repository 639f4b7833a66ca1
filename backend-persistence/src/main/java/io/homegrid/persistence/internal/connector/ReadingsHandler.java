package io.homegrid.persistence.internal.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectReader;

import io.homegrid.model.ReadingBatch;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.internal.jdbc.JdbcReadingWriter;
import io.homegrid.persistence.internal.jdbc.WriteResult;

/** Stores parsed reading batches through the JDBC path, counting what it stored and what it dropped. */
public final class ReadingsHandler implements BatchHandler {

    private static final ObjectReader READER = Json.mapper().readerFor(ReadingBatch.class);

    private final JdbcReadingWriter writer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    public ReadingsHandler(JdbcReadingWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(List<Body> bodies) throws Exception {
        List<ReadingBatch> batches = new ArrayList<>(bodies.size());
        for (Body body : bodies) {
            if (body.isBytes()) {
                batches.addAll(ReadingBatchCodec.decodeAll(body.bytes()));
            } else {
                batches.add(READER.readValue(body.text()));
            }
        }
        WriteResult result = writer.write(batches);
        stored.addAndGet(result.inserted());
        duplicates.addAndGet(result.duplicates());
    }

    public long stored() {
        return stored.get();
    }

    public long duplicates() {
        return duplicates.get();
    }
}
