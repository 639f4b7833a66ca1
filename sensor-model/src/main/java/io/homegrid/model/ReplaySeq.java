package io.homegrid.model;

/**
 * The sequence space of replayed readings. A gateway's own {@code seq} is never negative (the
 * push interface refuses it), so a replayed reading takes a negative one that names its replay,
 * whether the replay is isolated, and its place in the replay: stored again under
 * {@code (gateway, seq)} it can never collide with a real reading, and a batch sent twice (a
 * replay resumed after a crash) is stored once.
 */
public final class ReplaySeq {

    /** Readings one replay may send: 2^40. */
    public static final int INDEX_BITS = 40;
    public static final long MAX_INDEX = (1L << INDEX_BITS) - 1;
    /** Replays one database may hold: 2^22 - 1. */
    public static final long MAX_REPLAY = (1L << (Long.SIZE - 2 - INDEX_BITS)) - 1;

    private ReplaySeq() {
    }

    public static long of(long replay, boolean isolated, long index) {
        if (replay < 1 || replay > MAX_REPLAY || index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("no replay seq for replay " + replay + ", reading " + index);
        }
        long magnitude = replay << (INDEX_BITS + 1) | (isolated ? 1L : 0L) << INDEX_BITS | index;
        return -magnitude - 1;
    }

    public static boolean isReplayed(long seq) {
        return seq < 0;
    }

    /** The replay a replayed reading came from. */
    public static long replay(long seq) {
        return magnitude(seq) >>> (INDEX_BITS + 1);
    }

    public static boolean isolated(long seq) {
        return (magnitude(seq) >>> INDEX_BITS & 1L) == 1L;
    }

    public static long index(long seq) {
        return magnitude(seq) & MAX_INDEX;
    }

    private static long magnitude(long seq) {
        if (seq >= 0) {
            throw new IllegalArgumentException("seq " + seq + " is a gateway's own, not a replayed one");
        }
        return -(seq + 1);
    }
}
