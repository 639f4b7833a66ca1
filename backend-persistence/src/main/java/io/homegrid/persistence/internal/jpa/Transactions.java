package io.homegrid.persistence.internal.jpa;

import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import io.homegrid.persistence.RepositoryException;

/** Runs work in a resource-local JPA transaction, rolling back on any failure. */
final class Transactions {

    private Transactions() {
    }

    static <T> T inTransaction(EntityManagerFactory factory, Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Runs a query; a failure of the database becomes a {@link RepositoryException} (answered 503). */
    static <T> T readOnly(EntityManagerFactory factory, Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } catch (PersistenceException e) {
            throw new RepositoryException("query through JPA failed", e);
        } finally {
            em.close();
        }
    }
}
