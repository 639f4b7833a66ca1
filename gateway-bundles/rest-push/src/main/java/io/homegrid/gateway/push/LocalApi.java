package io.homegrid.gateway.push;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.ReadingCache;
import io.homegrid.gateway.push.internal.LocalApiResource;
import io.homegrid.gateway.push.internal.LocalErrors;
import io.homegrid.gateway.push.internal.LocalStatusResource;
import io.homegrid.model.json.Json;

/** The JAX-RS resources and providers of the gateway's local API, for whichever server hosts them. */
public final class LocalApi {

    private LocalApi() {
    }

    /**
     * @param push            the running delivery: its relays switch, its pusher reports the backend link
     * @param installerSecret the password the relay endpoint asks for (user {@code installer})
     */
    public static List<Object> resources(String gateway, DeviceDirectory directory, ReadingCache cache, PushService push,
            Supplier<List<ProtocolAdapter>> adapters, String installerSecret) {
        return List.of(new LocalApiResource(gateway, directory, push.relays(), installerSecret),
                new LocalStatusResource(gateway, () -> GatewayReport.of(gateway, directory, cache, push.pusher(), adapters)));
    }

    public static List<Object> providers() {
        return List.of(new JacksonJsonProvider(Json.mapper()), new LocalErrors.Web(), new LocalErrors.Json(),
                new LocalErrors.Unexpected());
    }
}
