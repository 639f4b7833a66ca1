package io.homegrid.persistence;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

import io.homegrid.persistence.internal.RepositoryImpl;
import io.homegrid.persistence.internal.jdbc.JdbcCepOutputs;
import io.homegrid.persistence.internal.jdbc.JdbcReadingQueries;
import io.homegrid.persistence.internal.jpa.EntityQueries;
import io.homegrid.persistence.internal.jpa.InvalidReadingStore;

/** Builds the repository, and outside OSGi the JPA persistence unit it reads entities through. */
public final class SensorDataRepositories {

    /** Name of the persistence unit in META-INF/persistence.xml. */
    public static final String PERSISTENCE_UNIT = "homegrid";

    private SensorDataRepositories() {
    }

    public static SensorDataRepository create(DataSource dataSource, EntityManagerFactory entityManagerFactory) {
        return new RepositoryImpl(new EntityQueries(entityManagerFactory), new JdbcReadingQueries(dataSource),
                new InvalidReadingStore(entityManagerFactory), new JdbcCepOutputs(dataSource),
                new io.homegrid.persistence.internal.jdbc.JdbcPowerRollups(dataSource),
                new io.homegrid.persistence.internal.jdbc.JdbcVirtualDevices(dataSource),
                new io.homegrid.persistence.internal.jdbc.JdbcCommunityResiduals(dataSource));
    }

    /**
     * The power rollups alone, for tools that only read them (the forecast's back-test in
     * {@code ./homegrid evaluate-forecast}) and need no persistence unit.
     */
    public static io.homegrid.persistence.analysis.PowerRollups powerRollups(DataSource dataSource) {
        return new io.homegrid.persistence.internal.jdbc.JdbcPowerRollups(dataSource);
    }

    /**
     * Opens the persistence unit on a data source, the same way in every mode: EclipseLink is
     * asked directly, with this bundle's class loader, so that neither a provider lookup through
     * the context class loader nor an OSGi JPA extender is involved.
     */
    public static EntityManagerFactory openPersistenceUnit(DataSource dataSource) {
        ClassLoader loader = SensorDataRepositories.class.getClassLoader();
        return new PersistenceProvider().createEntityManagerFactory(PERSISTENCE_UNIT, Map.of(
                PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource,
                PersistenceUnitProperties.CLASSLOADER, loader));
    }
}
