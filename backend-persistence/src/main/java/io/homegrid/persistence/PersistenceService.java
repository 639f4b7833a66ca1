package io.homegrid.persistence;

import java.time.Clock;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistence service: the one assembly that both the DS component and the embedded
 * launcher start. It opens the persistence unit, builds the Sensor Data Repository and starts
 * the Persistence Connector (unless paused) on a migrated schema.
 */
public final class PersistenceService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceService.class);

    private final EntityManagerFactory entityManagerFactory;
    private final SensorDataRepository repository;
    private final PersistenceConnector connector;

    private PersistenceService(EntityManagerFactory entityManagerFactory, SensorDataRepository repository,
            PersistenceConnector connector) {
        this.entityManagerFactory = entityManagerFactory;
        this.repository = repository;
        this.connector = connector;
    }

    /**
     * @param connectionFactory a plain (not pooling) factory: each consumer holds its connection
     */
    public static PersistenceService start(PersistenceSettings settings, ConnectionFactory connectionFactory,
            DataSource dataSource, Clock clock) throws JMSException {
        EntityManagerFactory jpa = SensorDataRepositories.openPersistenceUnit(dataSource);
        PersistenceConnector connector = new PersistenceConnector(connectionFactory, dataSource, jpa, settings, clock);
        try {
            if (settings.paused()) {
                LOG.warn("Persistence connector paused: readings wait in the broker until it is started unpaused");
            } else {
                connector.start();
            }
        } catch (JMSException | RuntimeException e) {
            connector.close();
            jpa.close();
            throw e;
        }
        return new PersistenceService(jpa, SensorDataRepositories.create(dataSource, jpa), connector);
    }

    public SensorDataRepository repository() {
        return repository;
    }

    /** The connector's counters; {@link IngestStats#running()} is false while paused. */
    public PersistenceConnector connector() {
        return connector;
    }

    @Override
    public void close() {
        connector.close();
        entityManagerFactory.close();
    }
}
