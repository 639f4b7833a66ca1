package io.homegrid.persistence.internal.connector;

import java.util.List;

/**
 * Stores the bodies of a batch of messages in one go. Throwing means nothing was stored:
 * the consumer then retries (transient failure) or isolates the bad message (data failure).
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<Body> bodies) throws Exception;
}
