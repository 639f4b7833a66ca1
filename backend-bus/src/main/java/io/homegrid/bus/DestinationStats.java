package io.homegrid.bus;

/**
 * One destination of the embedded broker as its statistics count it since the broker started.
 *
 * @param name      the destination's name, e.g. {@code readings.raw}
 * @param topic     true for a topic, false for a queue
 * @param messages  messages held now (for a topic: pending for its subscribers)
 * @param enqueued  messages sent to it
 * @param dequeued  messages its consumers acknowledged
 * @param consumers consumers attached now
 */
public record DestinationStats(String name, boolean topic, long messages, long enqueued, long dequeued, long consumers) {
}
