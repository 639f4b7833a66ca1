package io.homegrid.persistence.internal.jpa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.eclipse.persistence.config.QueryHints;

/** Reads gateways and devices through JPA. */
public final class EntityQueries {

    private final EntityManagerFactory factory;

    public EntityQueries(EntityManagerFactory factory) {
        this.factory = factory;
    }

    public List<GatewayEntity> gateways() {
        return Transactions.readOnly(factory, em -> em
                .createQuery("SELECT g FROM GatewayEntity g ORDER BY g.id", GatewayEntity.class).getResultList());
    }

    public Optional<GatewayEntity> gateway(String id) {
        return Transactions.readOnly(factory, em -> Optional.ofNullable(em.find(GatewayEntity.class, id)));
    }

    /** Device count per gateway id. */
    public Map<String, Long> deviceCounts() {
        return Transactions.readOnly(factory, em -> {
            Map<String, Long> counts = new HashMap<>();
            for (Object[] row : em.createQuery("SELECT d.gateway, COUNT(d) FROM DeviceEntity d GROUP BY d.gateway",
                    Object[].class).getResultList()) {
                counts.put((String) row[0], (Long) row[1]);
            }
            return counts;
        });
    }

    public List<DeviceEntity> devicesOf(String gateway) {
        return Transactions.readOnly(factory, em -> em
                .createQuery("SELECT d FROM DeviceEntity d WHERE d.gateway = :gateway ORDER BY d.id", DeviceEntity.class)
                .setParameter("gateway", gateway)
                // one IN query for all devices' sensors instead of one query per device
                .setHint(QueryHints.BATCH_TYPE, "IN")
                .setHint(QueryHints.BATCH, "d.sensors")
                .getResultList());
    }

    public Optional<DeviceEntity> device(String id) {
        return Transactions.readOnly(factory, em -> Optional.ofNullable(em.find(DeviceEntity.class, id)));
    }
}
