package io.homegrid.persistence.internal.connector;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectReader;

import io.homegrid.model.DeviceBatch;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.internal.jpa.DeviceRegistry;

/** Applies device descriptions, in the order the gateway sent them. */
public final class DevicesHandler implements BatchHandler {

    private static final ObjectReader READER = Json.mapper().readerFor(DeviceBatch.class);

    private final DeviceRegistry registry;

    public DevicesHandler(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(List<Body> bodies) throws Exception {
        List<DeviceBatch> batches = new ArrayList<>(bodies.size());
        for (Body body : bodies) {
            batches.add(READER.readValue(body.text()));
        }
        registry.apply(batches);
    }
}
