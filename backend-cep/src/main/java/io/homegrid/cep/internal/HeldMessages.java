package io.homegrid.cep.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The bus messages whose readings still count in a minute that is not yet output, so that they
 * are acknowledged only after it is. A backend instance that dies leaves them unacknowledged;
 * the broker gives them, with their message group, to another instance, whose CEP computes
 * those minutes again from all of their readings. A message is done once every household it
 * carries readings of has moved its event time to its due time there. Not thread-safe: the
 * engine serialises calls.
 */
public final class HeldMessages {

    /**
     * How far past the start of a reading's minute a household's time must be before the minute
     * is output by every built-in minute statement: {@code household-power-1m} sums the device
     * minutes one minute later.
     */
    public static final long HOLD_MILLIS = 120_000;

    private final Map<Household, PriorityQueue<Due>> byHousehold = new HashMap<>();
    private int held;

    /** @param latestReading each household's newest reading time in the message */
    public void hold(Map<Household, Long> latestReading, Runnable done) {
        if (latestReading.isEmpty()) {
            done.run();
            return;
        }
        Entry entry = new Entry(done, latestReading.size());
        held++;
        latestReading.forEach((household, time) -> byHousehold
                .computeIfAbsent(household, h -> new PriorityQueue<>())
                .add(new Due(Math.floorDiv(time, 60_000L) * 60_000L + HOLD_MILLIS, entry)));
    }

    /** Runs what became done now that the households' times moved on. */
    public void release(Iterable<Household> households) {
        List<Entry> done = new ArrayList<>();
        for (Household household : households) {
            PriorityQueue<Due> dues = byHousehold.get(household);
            if (dues == null) {
                continue;
            }
            long now = household.currentTime();
            while (!dues.isEmpty() && dues.peek().time() <= now) {
                Entry entry = dues.poll().entry();
                if (--entry.households == 0 && !entry.forgotten) {
                    done.add(entry);
                }
            }
            if (dues.isEmpty()) {
                byHousehold.remove(household);
            }
        }
        held -= done.size();
        done.forEach(entry -> entry.done.run());
    }

    /**
     * Forgets the messages of a household whose readings the broker gives to this instance anew:
     * they are never acknowledged here, their new copies are.
     */
    public void forget(Household household) {
        PriorityQueue<Due> dues = byHousehold.remove(household);
        if (dues != null) {
            for (Due due : dues) {
                if (!due.entry().forgotten) {
                    due.entry().forgotten = true;
                    held--;
                }
            }
        }
    }

    /** Messages not yet done. */
    public int size() {
        return held;
    }

    private static final class Entry {
        private final Runnable done;
        private int households;
        private boolean forgotten;

        Entry(Runnable done, int households) {
            this.done = done;
            this.households = households;
        }
    }

    private record Due(long time, Entry entry) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return Long.compare(time, other.time);
        }
    }
}
