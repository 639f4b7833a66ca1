package io.homegrid.sharing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.homegrid.model.CepOutput;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.json.Json;
import io.homegrid.security.Directory;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Grant;
import io.homegrid.security.Scope;

/**
 * Which services receive what of a gateway's data: exactly what a grant of its household in force
 * now lets each application read. Readings need {@code readings:read} on their device and sensor,
 * aggregates {@code aggregates:read}, events {@code events:read}; an output of no device (a
 * household total) only goes with a grant on all the household's devices, since it sums them all.
 */
final class Selection {

    private static final ObjectWriter WRITER = Json.mapper().writer();
    private static final String POWER = "power";

    private final Directory directory;

    Selection(Directory directory) {
        this.directory = directory;
    }

    List<Item> readings(ReadingBatch batch, Set<String> applications, Instant now) {
        List<Grant> grants = grants(batch.gateway(), applications, now);
        List<Item> items = new ArrayList<>();
        for (Grant grant : grants) {
            for (Reading reading : batch.readings()) {
                if (grant.covers(Scope.READINGS_READ, reading.device(), reading.sensor().id())) {
                    items.add(new Item(grant.application(), grant.household(), "reading:" + batch.gateway() + ":"
                            + reading.seq(), "reading", json(reading(batch.gateway(), reading)), now));
                }
            }
        }
        return distinct(items);
    }

    List<Item> output(CepOutput output, Set<String> applications, Instant now) {
        boolean aggregate = CepOutput.AGGREGATE.equals(output.kind());
        Scope scope = aggregate ? Scope.AGGREGATES_READ : Scope.EVENTS_READ;
        String sensor = aggregate ? POWER : null;
        List<Item> items = new ArrayList<>();
        for (Grant grant : grants(output.gateway(), applications, now)) {
            boolean device = output.device() != null || grant.devices().isEmpty();
            if (device && grant.covers(scope, output.device(), sensor)) {
                items.add(new Item(grant.application(), grant.household(), key(output),
                        aggregate ? "aggregate" : "event", json(output), now));
            }
        }
        return distinct(items);
    }

    /**
     * Statement, gateway, device and time name an output but for its values (a statement may emit
     * several rows at once, one per virtual device): their hash, the same on a redelivery, tells
     * those apart.
     */
    private static String key(CepOutput output) {
        return "cep:" + output.statement() + ":" + output.gateway() + ":" + output.device() + ":" + output.time() + ":"
                + Integer.toHexString(json(output.values()).hashCode());
    }

    private List<Grant> grants(String gateway, Set<String> applications, Instant now) {
        if (gateway == null || applications.isEmpty()) {
            return List.of();
        }
        String household = directory.gateway(gateway).map(GatewayRegistration::household).orElse(null);
        if (household == null) {
            return List.of();
        }
        return directory.grants(household).stream()
                .filter(grant -> grant.inForce(now) && applications.contains(grant.application())).toList();
    }

    /** Two grants of one application that both cover an item deliver it once. */
    private static List<Item> distinct(List<Item> items) {
        Map<String, Item> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(item.application() + "\n" + item.key(), item));
        return List.copyOf(unique.values());
    }

    private static Map<String, Object> reading(String gateway, Reading reading) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gateway", gateway);
        body.put("device", reading.device());
        body.put("sensor", reading.sensor().id());
        body.put("value", reading.value());
        body.put("unit", reading.unit());
        body.put("time", reading.time().toString());
        body.put("seq", reading.seq());
        return body;
    }

    private static String json(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a shared item as JSON", e);
        }
    }
}
