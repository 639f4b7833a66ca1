package io.homegrid.persistence.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

import io.homegrid.model.InvalidReading;

@Entity
@Table(name = "invalid_reading")
public class InvalidReadingEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "gateway_id", nullable = false)
    private String gateway;

    @Column(name = "batch_index")
    private Integer index;

    @Column(name = "device_id")
    private String device;

    @Column(name = "seq")
    private Long seq;

    @Column(name = "field", nullable = false)
    private String field;

    @Column(name = "reason", nullable = false)
    private String reason;

    /** The reading as sent, as JSON text. */
    @Column(name = "reading")
    private String reading;

    @Column(name = "received", nullable = false)
    private Instant received;

    protected InvalidReadingEntity() {
    }

    InvalidReadingEntity(InvalidReading invalid, String readingJson) {
        this.gateway = invalid.gateway();
        this.index = invalid.index();
        this.device = invalid.device();
        this.seq = invalid.seq();
        this.field = invalid.field();
        this.reason = invalid.reason();
        this.reading = readingJson;
        this.received = invalid.received();
    }

    public String gateway() {
        return gateway;
    }

    public Integer index() {
        return index;
    }

    public String device() {
        return device;
    }

    public Long seq() {
        return seq;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    public String reading() {
        return reading;
    }

    public Instant received() {
        return received;
    }
}
