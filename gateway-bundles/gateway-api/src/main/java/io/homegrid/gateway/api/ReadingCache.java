package io.homegrid.gateway.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.homegrid.model.Reading;

/**
 * The gateway's durable store of readings not yet accepted by the backend. A reading is on disk
 * (synced) when {@link #append} returns, and leaves only through {@link #remove}, after a 202.
 */
public interface ReadingCache extends MeasurementSink {

    /** Stores measurements, numbering them with this gateway's sequence, which never goes backwards. */
    List<Reading> append(List<Measurement> measurements);

    @Override
    default void accept(List<Measurement> measurements) {
        append(measurements);
    }

    /** The oldest cached readings, oldest first. */
    List<Reading> oldest(int max);

    /** The newest cached readings, oldest first among them. */
    List<Reading> newest(int max);

    /** Cached readings taken at or after {@code since} (live data), in sequence order. */
    List<Reading> takenSince(Instant since, int max);

    /** Forgets readings the backend has accepted. */
    void remove(Collection<Long> seqs);

    long size();

    /** Readings dropped unsent by retention (age or size cap) since start. */
    long evicted();

    /**
     * Calls {@code listener} after every {@link #append} that stored readings, once they are on
     * disk, on the appending thread: a listener only signals, it never blocks.
     */
    void whenAppended(Runnable listener);
}
