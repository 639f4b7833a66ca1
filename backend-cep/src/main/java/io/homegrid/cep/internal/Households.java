package io.homegrid.cep.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.espertech.esper.runtime.client.UpdateListener;

/**
 * The households an engine has seen, each with a runtime of its own, created at its first
 * reading and then set up (its statements deployed) before it takes any; the late and processed
 * readings are counted over all of them. Not thread-safe: the engine serialises calls.
 */
public final class Households implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Households.class);

    private final EsperRuntimes runtimes;
    private final long lateness;
    private static final String REPLAY_KEY = "#replay-";

    private final LongFunction<UpdateListener> listeners;
    private final ObjLongConsumer<Household> setUp;
    private final Map<String, Household> households = new HashMap<>();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();

    /**
     * @param listeners the listener of a gateway's runtime (0) or of an isolated replay's
     * @param setUp     deploys the statements on a new household (and the isolated replay it is for, 0: none)
     */
    public Households(EsperRuntimes runtimes, long lateness, LongFunction<UpdateListener> listeners,
            ObjLongConsumer<Household> setUp) {
        this.runtimes = runtimes;
        this.lateness = lateness;
        this.listeners = listeners;
        this.setUp = setUp;
    }

    /** The gateway's household; a new one starts its clock at {@code firstTime}. */
    public Household of(String gateway, long firstTime) {
        return of(gateway, 0, firstTime);
    }

    /**
     * The runtime of a gateway's readings in an isolated replay (0: the gateway's own): a runtime
     * of its own, whose windows and outputs never mix with the household's live ones.
     */
    public Household of(String gateway, long replay, long firstTime) {
        String key = replay == 0 ? gateway : gateway + REPLAY_KEY + replay;
        Household existing = households.get(key);
        if (existing != null) {
            return existing;
        }
        Household household = new Household(gateway, runtimes.household(key), firstTime, lateness, late,
                processed, listeners.apply(replay));
        setUp.accept(household, replay);
        // which instance computes a household: in a cluster, the broker's message groups decide
        LOG.info("[{}] CEP runtime started{}", gateway, replay == 0 ? "" : " for isolated replay " + replay);
        households.put(key, household);
        return household;
    }

    /**
     * Closes the runtimes of isolated replays that have been silent this long: their last minute
     * has closed long since, and nothing will come again (a new replay has a new id).
     */
    public int closeSilentReplays(long now, long silentMillis) {
        int closed = 0;
        for (var entry : new ArrayList<>(households.entrySet())) {
            if (entry.getKey().contains(REPLAY_KEY) && entry.getValue().silentFor(now) >= silentMillis) {
                entry.getValue().close();
                households.remove(entry.getKey());
                closed++;
            }
        }
        return closed;
    }

    /**
     * Closes and forgets the households (their own runtimes, not isolated replays') whose readings
     * came in a message group the broker now gives this instance anew: their runtimes start again
     * from the readings it delivers.
     */
    public List<Household> reset(String group) {
        List<Household> reset = new ArrayList<>();
        for (var entry : new ArrayList<>(households.entrySet())) {
            if (!entry.getKey().contains(REPLAY_KEY) && group.equals(entry.getValue().group())) {
                entry.getValue().close();
                households.remove(entry.getKey());
                reset.add(entry.getValue());
            }
        }
        return reset;
    }

    public Collection<Household> all() {
        return households.values();
    }

    public int size() {
        return households.size();
    }

    /** Readable from any thread, while readings flow. */
    public long late() {
        return late.get();
    }

    public long processed() {
        return processed.get();
    }

    @Override
    public void close() {
        households.values().forEach(Household::close);
    }
}
