package io.homegrid.persistence.internal.osgi;

import java.time.Clock;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.persistence.IngestStats;
import io.homegrid.persistence.PersistenceService;
import io.homegrid.persistence.PersistenceSettings;
import io.homegrid.persistence.SensorDataRepository;
import io.homegrid.sql.DatabaseSchema;

/**
 * The persistence bundle in OSGi: maps its configuration to {@link PersistenceSettings}, starts
 * the {@link PersistenceService} the embedded launcher starts once the data source, a migrated
 * schema and the bus are there, and offers {@link SensorDataRepository} and {@link IngestStats}.
 * Redeploying this bundle stops the connector's consumers mid-transaction at worst: the broker
 * redelivers, nothing is lost.
 */
@Component(configurationPid = "io.homegrid.persistence", immediate = true, service = {})
@Designate(ocd = PersistenceConfig.class)
public final class PersistenceComponent {

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    /** Only for ordering: start on a migrated schema. */
    @Reference
    DatabaseSchema schema;

    @Reference(target = "(homegrid.bus=plain)")
    ConnectionFactory connectionFactory;

    private PersistenceService service;
    private ServiceRegistration<SensorDataRepository> repositoryRegistration;
    private ServiceRegistration<IngestStats> statsRegistration;

    static PersistenceSettings settings(PersistenceConfig config) {
        return new PersistenceSettings(config.consumers(), config.maxReadingsPerCommit(), config.paused(),
                config.rawRetentionDays());
    }

    @Activate
    void activate(PersistenceConfig config, BundleContext context) throws JMSException {
        service = PersistenceService.start(settings(config), connectionFactory, dataSource, Clock.systemUTC());
        repositoryRegistration = context.registerService(SensorDataRepository.class, service.repository(), null);
        statsRegistration = context.registerService(IngestStats.class, service.connector(), null);
    }

    @Deactivate
    void deactivate() {
        statsRegistration.unregister();
        repositoryRegistration.unregister();
        service.close();
    }

    PersistenceService service() {
        return service;
    }
}
