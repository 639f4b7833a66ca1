package io.homegrid.model.bus;

/**
 * ActiveMQ destination names (shared/ARCHITECTURE.md, "Flows").
 *
 * <p>{@code readings.parsed} is a virtual topic: every subscribing service reads its own durable
 * queue {@code consumer.<service>.readings.parsed}, so a service that is down or being redeployed
 * finds every reading waiting for it when it comes back, which a plain topic would have dropped.
 */
public final class Destinations {

    /** Queue: reading batches exactly as gateways pushed them. */
    public static final String READINGS_RAW = "readings.raw";
    /** Virtual topic: validated readings in canonical units, one message per batch. */
    public static final String READINGS_PARSED = "readings.parsed";
    /** Queue: readings the parser refused, with the reason. */
    public static final String READINGS_INVALID = "readings.invalid";
    /** Queue: device descriptions (joins, leaves, metadata) pushed by gateways. */
    public static final String DEVICES = "devices.updates";
    /**
     * Topic: the same device lists, non-persistent, for the live channel's joins and leaves; what
     * is stored goes through {@link #DEVICES}.
     */
    public static final String DEVICES_LIVE = "devices.live";

    /** Virtual topic: CEP aggregates and derived events, JSON {@code CepOutput}; MQTT and STOMP clients see {@code cep/out}. */
    public static final String CEP_OUT = "cep.out";

    /** Queue: replay commands (start, cancel) from the Aggregate Sensing/Actuation Interface to Replay Control. */
    public static final String REPLAY_COMMANDS = "replay.commands";
    /** Topic: progress of replays, JSON, for the live channel. */
    public static final String REPLAY_PROGRESS = "replay.progress";
    /**
     * Topic: a CEP statement was added or removed at one backend instance (issue 18); every
     * instance brings its engine to what the statement store holds. The body names the statement.
     */
    public static final String CEP_STATEMENTS_CHANGED = "cep.statements.changed";

    /** Queue: results of commands, correlated by JMSCorrelationID = command id. */
    public static final String COMMAND_RESULTS = "gateway.commands.results";

    /** Prefix of the per-service queues behind a virtual topic, ActiveMQ's {@code Consumer.*.} convention in lower case. */
    public static final String VIRTUAL_TOPIC_CONSUMER_PREFIX = "consumer.";

    private Destinations() {
    }

    /** The durable queue a service reads a virtual topic's messages from. */
    public static String consumerQueue(String service, String virtualTopic) {
        return VIRTUAL_TOPIC_CONSUMER_PREFIX + service + "." + virtualTopic;
    }

    /** The queue of commands waiting for one gateway to fetch them. */
    public static String gatewayCommands(String gateway) {
        return "gateway." + gateway + ".commands";
    }

    /**
     * Topic: a community's residual load each minute, JSON {@code CepOutput}, non-persistent: the
     * community agents on the gateways act on the newest, and what is stored goes through
     * {@link #CEP_OUT}.
     */
    public static String communityResidual(String community) {
        return "community." + community + ".residual";
    }

    /** The community whose residual-load topic this is; null for any other topic. */
    public static String communityOfResidual(String topic) {
        if (topic == null || !topic.startsWith("community.") || !topic.endsWith(".residual")) {
            return null;
        }
        return topic.substring("community.".length(), topic.length() - ".residual".length());
    }

    /** The queue a service moves a message to when it cannot process it, so it never blocks the queue. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dead";
    }
}
