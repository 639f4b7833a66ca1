package io.homegrid.persistence.internal.osgi;

import java.time.Clock;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.PersistenceConnector;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.persistence.SensorDataRepositories;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.sql.DatabaseSchema;

/**
 * The persistence bundle in OSGi: wires the repository and the connector exactly as the embedded
 * launcher does, once the data source, a migrated schema and the bus are there, and offers
 * {@link SensorDataRepository} and {@link IngestStats}. Redeploying this bundle stops the
 * connector's consumers mid-transaction at worst: the broker redelivers, nothing is lost.
 */
@Component(configurationPid = "io.homegrid.persistence", immediate = true, service = {})
@Designate(ocd = PersistenceConfig.class)
public final class PersistenceComponent {

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    private DataSource dataSource;

    /** Only for ordering: start on a migrated schema. */
    @Reference
    private DatabaseSchema schema;

    @Reference(target = "(homegrid.bus=plain)")
    private ConnectionFactory connectionFactory;

    private EntityManagerFactory entityManagerFactory;
    private PersistenceConnector connector;
    private ServiceRegistration<SensorDataRepository> repositoryRegistration;
    private ServiceRegistration<IngestStats> statsRegistration;

    @Activate
    void activate(PersistenceConfig config, BundleContext context) throws JMSException {
        entityManagerFactory = SensorDataRepositories.openPersistenceUnit(dataSource);
        connector = new PersistenceConnector(connectionFactory, dataSource, entityManagerFactory,
                new PersistenceSettings(config.consumers(), config.maxReadingsPerCommit()), Clock.systemUTC());
        if (!config.paused()) {
            connector.start();
        }
        repositoryRegistration = context.registerService(SensorDataRepository.class,
                SensorDataRepositories.create(dataSource, entityManagerFactory), null);
        statsRegistration = context.registerService(IngestStats.class, connector, null);
    }

    @Deactivate
    void deactivate() {
        statsRegistration.unregister();
        repositoryRegistration.unregister();
        connector.close();
        entityManagerFactory.close();
    }
}
