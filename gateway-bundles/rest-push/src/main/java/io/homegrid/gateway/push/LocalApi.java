package io.homegrid.gateway.push;

import java.util.List;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.push.internal.LocalApiResource;
import io.homegrid.model.json.Json;

/** The JAX-RS resources and providers of the gateway's local API, for whichever server hosts them. */
public final class LocalApi {

    private LocalApi() {
    }

    public static List<Object> resources(String gateway, DeviceDirectory directory, RelayActuator relays) {
        return List.of(new LocalApiResource(gateway, directory, relays));
    }

    public static List<Object> providers() {
        return List.of(new JacksonJsonProvider(Json.mapper()));
    }
}
