package io.homegrid.persistence.internal.jpa;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.model.DeviceBatch;
import io.homegrid.model.DeviceDescription;

/** Applies device descriptions pushed by gateways to the gateway and device entities. */
public final class DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final EntityManagerFactory factory;
    private final Clock clock;

    public DeviceRegistry(EntityManagerFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    /** Applies the batches in order, in one transaction: a later description of a device wins. */
    public void apply(List<DeviceBatch> batches) {
        Instant now = clock.instant();
        Transactions.inTransaction(factory, em -> {
            for (DeviceBatch batch : batches) {
                gateway(em, batch.gateway(), now);
                for (DeviceDescription description : batch.devices()) {
                    device(em, batch.gateway(), description.device(), now).describe(batch.gateway(), description, now);
                    LOG.debug("[{}] device {} is {}", batch.gateway(), description.device(), description.state().id());
                }
            }
            return null;
        });
    }

    private static GatewayEntity gateway(EntityManager em, String id, Instant now) {
        GatewayEntity gateway = em.find(GatewayEntity.class, id);
        if (gateway == null) {
            gateway = new GatewayEntity(id, now);
            em.persist(gateway);
            // Devices reference their gateway: the row must exist before theirs.
            em.flush();
        } else {
            gateway.seen(now);
        }
        return gateway;
    }

    private static DeviceEntity device(EntityManager em, String gateway, String id, Instant now) {
        DeviceEntity device = em.find(DeviceEntity.class, id);
        if (device == null) {
            device = new DeviceEntity(id, gateway, now);
            em.persist(device);
        }
        return device;
    }
}
