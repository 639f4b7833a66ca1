package io.homegrid.bus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.DestinationInterceptor;
import org.apache.activemq.broker.region.DestinationStatistics;
import org.apache.activemq.broker.region.virtual.VirtualDestination;
import org.apache.activemq.broker.region.virtual.VirtualDestinationInterceptor;
import org.apache.activemq.broker.region.virtual.VirtualTopic;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.bus.Destinations;

/**
 * The ActiveMQ broker of the embedded mode: a KahaDB store that syncs every write to disk, and
 * {@code readings.parsed} as a virtual topic (an external broker needs the same
 * {@code <virtualTopic name="readings.parsed" prefix="consumer.*."/>}; see README).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long MEMORY_LIMIT = 256L << 20;
    private static final long STORE_LIMIT = 8L << 30;
    private static final long TEMP_LIMIT = 1L << 30;

    private final BrokerService broker;

    private EmbeddedBroker(BrokerService broker) {
        this.broker = broker;
    }

    /**
     * @param durableQueues queues that must exist from the start, so that a virtual topic has
     *                      somewhere to keep messages for a consumer that is not connected yet
     * @param ports         protocols also served on 127.0.0.1
     * @param security      authentication and authorization plugins; the product always passes
     *                      {@code BusService}'s, only benchmarks run without
     */
    public static EmbeddedBroker start(String name, Path directory, Ports ports, BrokerPlugin[] security,
            String... durableQueues) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(name);
        broker.setDataDirectoryFile(directory.toFile());
        broker.setPersistent(true);
        broker.setUseJmx(false);
        broker.setAdvisorySupport(false);
        broker.setSchedulerSupport(false);
        broker.setUseShutdownHook(false);
        KahaDBPersistenceAdapter store = new KahaDBPersistenceAdapter();
        store.setDirectory(directory.resolve("kahadb").toFile());
        // Every journal write is synced before the send is acknowledged: that is the durability point of a 202.
        store.setJournalDiskSyncStrategy("always");
        // Store a message before dispatching it, so that whatever a consumer holds is already on
        // disk. Concurrent store and dispatch overlaps the two for fast consumers (CEP), and a
        // SIGKILL test (DurabilityIT) once lost a batch in a run where it was on.
        store.setConcurrentStoreAndDispatchQueues(false);
        broker.setPersistenceAdapter(store);
        // Bounded so that a backlog stops producers (flow control) instead of filling the disk.
        broker.getSystemUsage().getMemoryUsage().setLimit(MEMORY_LIMIT);
        broker.getSystemUsage().getStoreUsage().setLimit(STORE_LIMIT);
        broker.getSystemUsage().getTempUsage().setLimit(TEMP_LIMIT);
        broker.setDestinationInterceptors(new DestinationInterceptor[] {virtualTopics()});
        broker.setPlugins(security);
        ActiveMQDestination[] queues = new ActiveMQDestination[durableQueues.length];
        for (int i = 0; i < durableQueues.length; i++) {
            queues[i] = new ActiveMQQueue(durableQueues[i]);
        }
        broker.setDestinations(queues);
        if (ports.openWire() > 0) {
            broker.addConnector("tcp://127.0.0.1:" + ports.openWire());
        }
        if (ports.mqtt() > 0) {
            broker.addConnector("mqtt://127.0.0.1:" + ports.mqtt());
        }
        if (ports.stomp() > 0) {
            broker.addConnector("stomp://127.0.0.1:" + ports.stomp());
        }
        broker.start();
        broker.waitUntilStarted();
        LOG.info("ActiveMQ broker '{}' with its store in {}", name, directory);
        return new EmbeddedBroker(broker);
    }

    /**
     * Which protocols the broker also speaks on 127.0.0.1, for clients outside the JVM: OpenWire
     * (other backend instances), MQTT and STOMP (applications reading {@code cep/out}); 0 for none.
     */
    public record Ports(int openWire, int mqtt, int stomp) {

        public static final Ports NONE = new Ports(0, 0, 0);
    }

    private static VirtualDestinationInterceptor virtualTopics() {
        VirtualDestinationInterceptor interceptor = new VirtualDestinationInterceptor();
        interceptor.setVirtualDestinations(new VirtualDestination[] {virtualTopic(Destinations.READINGS_PARSED),
            virtualTopic(Destinations.CEP_OUT)});
        return interceptor;
    }

    private static VirtualTopic virtualTopic(String name) {
        VirtualTopic topic = new VirtualTopic();
        topic.setName(name);
        topic.setPrefix(Destinations.VIRTUAL_TOPIC_CONSUMER_PREFIX + "*.");
        topic.setSelectorAware(false);
        return topic;
    }

    /** URL of the in-JVM transport to this broker; it never starts a broker of its own. */
    public String vmUrl() {
        return "vm://" + broker.getBrokerName() + "?create=false";
    }

    /** A plain factory on the in-JVM transport, without credentials (benchmarks); callers pool it where they need to. */
    public ActiveMQConnectionFactory connectionFactory() {
        return BusConnections.plain(vmUrl());
    }

    /** Percent of the store limit the persistent messages use. */
    public int storePercentUsage() {
        return broker.getSystemUsage().getStoreUsage().getPercentUsage();
    }

    /** Every destination but the broker's own advisory topics, which no service reads. */
    public List<DestinationStats> destinations() {
        List<DestinationStats> stats = new ArrayList<>();
        for (Map.Entry<ActiveMQDestination, Destination> entry
                : broker.getRegionBroker().getDestinationMap().entrySet()) {
            ActiveMQDestination name = entry.getKey();
            if (name.isTemporary() || name.getPhysicalName().startsWith("ActiveMQ.Advisory")) {
                continue;
            }
            DestinationStatistics counts = entry.getValue().getDestinationStatistics();
            stats.add(new DestinationStats(name.getPhysicalName(), name.isTopic(), counts.getMessages().getCount(),
                    counts.getEnqueues().getCount(), counts.getDequeues().getCount(), counts.getConsumers().getCount()));
        }
        return stats;
    }

    public boolean isStarted() {
        return broker.isStarted();
    }

    @Override
    public void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
