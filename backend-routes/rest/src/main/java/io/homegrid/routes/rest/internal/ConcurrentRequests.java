package io.homegrid.routes.rest.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many long-held requests (live streams, command polls) each identity has open, with a cap:
 * one caller cannot tie up the server's threads and broker consumers for everyone else.
 */
final class ConcurrentRequests {

    /** A held request's slot: closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final String what;
    private final int perIdentity;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    ConcurrentRequests(String what, int perIdentity) {
        this.what = what;
        this.perIdentity = perIdentity;
    }

    /** Takes a slot for the identity, or refuses with 429 when it holds {@code perIdentity} already. */
    Slot take(String identity) {
        AtomicInteger count = open.computeIfAbsent(identity, id -> new AtomicInteger());
        if (count.incrementAndGet() > perIdentity) {
            count.decrementAndGet();
            throw new ApiException(429, "Authorization", "at most " + perIdentity + " " + what
                    + " at a time per identity; close one and retry");
        }
        // Counters stay: one per identity that ever held a request is little, and removing them races.
        return count::decrementAndGet;
    }
}
