package io.homegrid.routes.rest.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many long-held requests (live streams, command polls) each identity has open, with a cap:
 * one caller cannot tie up the server's threads and broker consumers for everyone else. All kinds
 * share one budget of held requests, so that the server always keeps threads for the rest.
 */
public final class ConcurrentRequests {

    /** The held requests of every kind together. */
    public static final class Budget {

        private final int limit;
        private final AtomicInteger held = new AtomicInteger();

        public Budget(int limit) {
            this.limit = limit;
        }

        public int held() {
            return held.get();
        }
    }

    /** A held request's slot: closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final String what;
    private final int perIdentity;
    private final Budget budget;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    ConcurrentRequests(String what, int perIdentity, Budget budget) {
        this.what = what;
        this.perIdentity = perIdentity;
        this.budget = budget;
    }

    /**
     * Takes a slot for the identity, or refuses with 429 when it holds {@code perIdentity} already
     * or the server holds as many requests as it may.
     */
    /** Requests of this kind held now, by every identity. */
    int open() {
        return total.get();
    }

    Slot take(String identity) {
        AtomicInteger count = open.computeIfAbsent(identity, id -> new AtomicInteger());
        if (count.incrementAndGet() > perIdentity) {
            count.decrementAndGet();
            throw new ApiException(429, "Authorization", "at most " + perIdentity + " " + what
                    + " at a time per identity; close one and retry");
        }
        if (budget.held.incrementAndGet() > budget.limit) {
            budget.held.decrementAndGet();
            count.decrementAndGet();
            throw new ApiException(429, "Authorization", "the server holds " + budget.limit
                    + " live streams and command polls already; retry later");
        }
        total.incrementAndGet();
        // Counters stay: one per identity that ever held a request is little, and removing them races.
        return () -> {
            total.decrementAndGet();
            budget.held.decrementAndGet();
            count.decrementAndGet();
        };
    }
}
