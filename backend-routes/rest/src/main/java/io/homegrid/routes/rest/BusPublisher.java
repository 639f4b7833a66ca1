package io.homegrid.routes.rest;

/** Puts a document on the bus durably: when {@code publish} returns, the broker has it on disk. */
public interface BusPublisher {

    /**
     * @param queue    destination queue
     * @param gateway  the gateway the document comes from; keys the JMS message group
     * @param body     JSON document
     * @param readings how many readings (or devices) it carries
     * @throws BusUnavailableException if the broker did not take the message
     */
    void publish(String queue, String gateway, String body, int readings);

    /**
     * The same, in the JMS message group named (not the gateway's): so that a gateway's documents
     * share the group its other batches travel in. Publishers without groups ignore it.
     */
    default void publish(String queue, String gateway, String group, String body, int readings) {
        publish(queue, gateway, body, readings);
    }

    /**
     * A batch of readings already validated and normalised, in the compact bus form
     * ({@link io.homegrid.model.bus.ReadingBatchCodec}); same durability as {@link #publish}.
     */
    void publishValidated(String queue, String gateway, byte[] batch, int readings);
}
