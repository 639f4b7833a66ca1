package io.homegrid.model.bus;

/** JMS message properties homegrid sets on every message it puts on the bus. */
public final class Headers {

    /** The gateway a message comes from. */
    public static final String GATEWAY = "gateway";
    /**
     * JMS message group: keyed by gateway, so that one household's messages are consumed in order
     * by one consumer even when several backend instances share a queue.
     */
    public static final String GROUP = "JMSXGroupID";
    /** How many readings a message carries (int), so consumers can size their transactions. */
    public static final String READINGS = "readings";
    /** When the backend received the message (epoch milliseconds). */
    public static final String RECEIVED = "receivedAt";

    /** The replay a message comes from (long): set by Replay Control, which alone may use replayed seqs. */
    public static final String REPLAY = "replay";
    /**
     * The original time of an isolated replay's batch (epoch milliseconds): the replay's own CEP
     * runtime evaluates it on that time, so its windows see the data as it was.
     */
    public static final String ORIGINAL_TIME = "originalTime";
    /**
     * What form a readings message's body is in: {@link ReadingBatchCodec#FORM} for the compact,
     * already validated bytes; absent for a gateway's JSON as it was pushed.
     */
    public static final String FORM = "form";
    /** The household a message concerns (replay progress). */
    public static final String HOUSEHOLD = "household";

    private Headers() {
    }
}
