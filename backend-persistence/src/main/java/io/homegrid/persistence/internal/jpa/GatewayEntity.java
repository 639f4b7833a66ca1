package io.homegrid.persistence.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "gateway")
public class GatewayEntity {

    @Id
    @Column(name = "gateway_id")
    private String id;

    @Column(name = "first_seen", nullable = false)
    private Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    protected GatewayEntity() {
    }

    GatewayEntity(String id, Instant seen) {
        this.id = id;
        this.firstSeen = seen;
        this.lastSeen = seen;
    }

    public String id() {
        return id;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant when) {
        if (when.isAfter(lastSeen)) {
            lastSeen = when;
        }
    }
}
