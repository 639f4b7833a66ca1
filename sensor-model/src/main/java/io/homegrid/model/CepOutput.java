package io.homegrid.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the CEP engine publishes on {@code cep.out}: an aggregate (e.g. a device's average power
 * for a minute) or a derived event (a device switched on, a household peak), from the statement
 * {@code statement}, at event time {@code time}.
 *
 * @param kind   {@value #AGGREGATE} or {@value #EVENT}
 * @param replay the isolated replay whose readings caused it; null for everything else
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CepOutput(String statement, String kind, String gateway, String device, Instant time,
        Map<String, Object> values, Long replay) {

    public CepOutput(String statement, String kind, String gateway, String device, Instant time,
            Map<String, Object> values) {
        this(statement, kind, gateway, device, time, values, null);
    }

    public static final String AGGREGATE = "aggregate";
    public static final String EVENT = "event";
}
