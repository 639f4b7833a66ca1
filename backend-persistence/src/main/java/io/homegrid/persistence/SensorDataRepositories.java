package io.homegrid.persistence;

import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

import org.eclipse.persistence.config.PersistenceUnitProperties;

import io.homegrid.persistence.internal.RepositoryImpl;
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
                new InvalidReadingStore(entityManagerFactory));
    }

    /**
     * Opens the persistence unit on a data source, for the embedded mode and tests. In Karaf,
     * Aries JPA creates it from the bundle's Meta-Persistence header instead.
     */
    public static EntityManagerFactory openPersistenceUnit(DataSource dataSource) {
        ClassLoader loader = SensorDataRepositories.class.getClassLoader();
        return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, Map.of(
                PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource,
                PersistenceUnitProperties.CLASSLOADER, loader));
    }
}
