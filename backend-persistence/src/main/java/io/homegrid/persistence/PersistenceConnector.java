package io.homegrid.persistence;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.persistence.internal.connector.CepOutputsHandler;
import io.homegrid.persistence.internal.connector.DevicesHandler;
import io.homegrid.persistence.internal.connector.InvalidReadingsHandler;
import io.homegrid.persistence.internal.connector.PartitionMaintenance;
import io.homegrid.persistence.internal.connector.QueueBatchConsumer;
import io.homegrid.persistence.internal.connector.ReadingsHandler;
import io.homegrid.persistence.internal.jdbc.JdbcCepOutputs;
import io.homegrid.persistence.internal.jdbc.JdbcCommunityResiduals;
import io.homegrid.persistence.internal.jdbc.JdbcReadingWriter;
import io.homegrid.persistence.internal.jdbc.ReadingPartitions;
import io.homegrid.persistence.internal.jpa.DeviceRegistry;
import io.homegrid.persistence.internal.jpa.InvalidReadingStore;

/**
 * The Persistence Connector: takes parsed readings, refused readings, device descriptions and
 * CEP outputs off the bus and stores them. It owns its consumers' lifecycle; nothing else calls it.
 */
public final class PersistenceConnector implements IngestStats, AutoCloseable {

    /** The service name in this connector's virtual-topic queue, {@code consumer.persistence.readings.parsed}. */
    public static final String SERVICE = "persistence";

    private final ReadingsHandler readings;
    private final QueueBatchConsumer readingsConsumer;
    private final List<QueueBatchConsumer> consumers;
    private final PartitionMaintenance maintenance;

    /**
     * @param connectionFactory a plain (not pooling) factory: each consumer holds its connection
     */
    public PersistenceConnector(ConnectionFactory connectionFactory, DataSource dataSource,
            EntityManagerFactory entityManagerFactory, PersistenceSettings settings, Clock clock) {
        ReadingPartitions partitions = new ReadingPartitions(dataSource, clock, settings.rawRetention());
        this.readings = new ReadingsHandler(new JdbcReadingWriter(dataSource, partitions));
        this.maintenance = new PartitionMaintenance(partitions, PersistenceSettings.MAINTENANCE_EVERY);
        this.readingsConsumer = new QueueBatchConsumer(connectionFactory, readingsQueue(), settings.consumers(),
                settings.maxReadingsPerCommit(), Headers.READINGS, readings);
        this.consumers = List.of(readingsConsumer,
                new QueueBatchConsumer(connectionFactory, Destinations.READINGS_INVALID, 1, 500, null,
                        new InvalidReadingsHandler(new InvalidReadingStore(entityManagerFactory))),
                new QueueBatchConsumer(connectionFactory, Destinations.DEVICES, 1, 500, null,
                        new DevicesHandler(new DeviceRegistry(entityManagerFactory, clock))),
                new QueueBatchConsumer(connectionFactory, cepQueue(), 1, 1_000, null,
                        new CepOutputsHandler(new JdbcCepOutputs(dataSource), new JdbcCommunityResiduals(dataSource))));
    }

    /** The durable queue this connector reads parsed readings from; the broker must keep it even while we are down. */
    public static String readingsQueue() {
        return Destinations.consumerQueue(SERVICE, Destinations.READINGS_PARSED);
    }

    /** The durable queue this connector reads CEP outputs from, behind the {@code cep.out} virtual topic. */
    public static String cepQueue() {
        return Destinations.consumerQueue(SERVICE, Destinations.CEP_OUT);
    }

    public void start() throws JMSException {
        maintenance.start();
        for (QueueBatchConsumer consumer : consumers) {
            consumer.start();
        }
    }

    @Override
    public void close() {
        consumers.forEach(QueueBatchConsumer::close);
        maintenance.close();
    }

    @Override
    public long readingsStored() {
        return readings.stored();
    }

    @Override
    public long duplicatesDropped() {
        return readings.duplicates();
    }

    @Override
    public long messagesDeadLettered() {
        return consumers.stream().mapToLong(QueueBatchConsumer::deadLettered).sum();
    }

    @Override
    public Duration lag() {
        return readingsConsumer.lag();
    }

    @Override
    public boolean running() {
        return consumers.stream().allMatch(QueueBatchConsumer::running);
    }
}
