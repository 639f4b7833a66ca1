package io.homegrid.model;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the CEP engine publishes on {@code cep.out}: an aggregate (e.g. a device's average power
 * for a minute) or a derived event (a device switched on, a household peak), from the statement
 * {@code statement}, at event time {@code time}.
 *
 * @param kind {@value #AGGREGATE} or {@value #EVENT}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CepOutput(String statement, String kind, String gateway, String device, Instant time,
        Map<String, Object> values) {

    public static final String AGGREGATE = "aggregate";
    public static final String EVENT = "event";
}
