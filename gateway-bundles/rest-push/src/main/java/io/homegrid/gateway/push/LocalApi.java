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

    /** @param installerSecret the password the relay endpoint asks for (user {@code installer}) */
    public static List<Object> resources(String gateway, DeviceDirectory directory, RelayActuator relays,
            String installerSecret) {
        return List.of(new LocalApiResource(gateway, directory, relays, installerSecret));
    }

    public static List<Object> providers() {
        return List.of(new JacksonJsonProvider(Json.mapper()));
    }
}
