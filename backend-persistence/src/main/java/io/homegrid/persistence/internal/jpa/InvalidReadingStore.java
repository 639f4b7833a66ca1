package io.homegrid.persistence.internal.jpa;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.homegrid.model.InvalidReading;
import io.homegrid.model.json.Json;

/** Keeps what the parser refused, so that gateway developers can see why. */
public final class InvalidReadingStore {

    private final EntityManagerFactory factory;

    public InvalidReadingStore(EntityManagerFactory factory) {
        this.factory = factory;
    }

    public void store(List<InvalidReading> invalid) {
        Transactions.inTransaction(factory, em -> {
            for (InvalidReading reading : invalid) {
                em.persist(new InvalidReadingEntity(reading, reading.reading() == null ? null : reading.reading().toString()));
            }
            return null;
        });
    }

    /** @param before null: up to now */
    public List<InvalidReading> recent(String gateway, Instant before, int limit) {
        return Transactions.readOnly(factory, em -> {
            String where = (gateway == null ? "" : " AND r.gateway = :gateway") + (before == null ? "" : " AND r.received <= :before");
            TypedQuery<InvalidReadingEntity> query = em.createQuery("SELECT r FROM InvalidReadingEntity r WHERE 1 = 1"
                    + where + " ORDER BY r.received DESC, r.id DESC", InvalidReadingEntity.class);
            if (gateway != null) {
                query.setParameter("gateway", gateway);
            }
            if (before != null) {
                query.setParameter("before", before);
            }
            return query.setMaxResults(limit).getResultList().stream().map(InvalidReadingStore::toModel).toList();
        });
    }

    private static InvalidReading toModel(InvalidReadingEntity entity) {
        return new InvalidReading(entity.gateway(), entity.index(), entity.device(), entity.seq(), entity.field(),
                entity.reason(), parse(entity.reading()), entity.received());
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            // Stored by us from a parsed tree, so this means the row was edited by hand: show it as text.
            return TextNode.valueOf(json);
        }
    }
}
