package io.homegrid.gateway.push.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.push.RelayActuator;
import io.homegrid.model.DeviceDescription;

/** The gateway's local REST API, for installers and apps in the home. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
public final class LocalApiResource {

    /** The user name of the local installer credential. */
    public static final String INSTALLER = "installer";

    private final String gateway;
    private final DeviceDirectory directory;
    private final RelayActuator relays;
    private final byte[] installerDigest;

    /** @param installerSecret the local installer's password, asked for (HTTP Basic, user {@value #INSTALLER}) before a switch */
    public LocalApiResource(String gateway, DeviceDirectory directory, RelayActuator relays, String installerSecret) {
        this.installerDigest = sha256("Basic " + Base64.getEncoder().encodeToString((INSTALLER + ":" + installerSecret)
                .getBytes(StandardCharsets.UTF_8)));
        this.gateway = gateway;
        this.directory = directory;
        this.relays = relays;
    }

    @GET
    public Map<String, Object> devices() {
        return Map.of("gateway", gateway, "devices", directory.devices());
    }

    @GET
    @Path("{device}/latest")
    public Response latest(@PathParam("device") String device) {
        Optional<List<Measurement>> latest = directory.latest(device);
        if (latest.isEmpty()) {
            return error(404, "device", "no device '" + device + "' is known to this gateway");
        }
        return Response.ok(Map.of("device", device, "readings", latest.get())).build();
    }

    @PUT
    @Path("{device}/relay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response relay(@PathParam("device") String device, JsonNode body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        // Digests of equal length, compared in constant time: timing tells nothing of the password.
        if (authorization == null || !MessageDigest.isEqual(sha256(authorization), installerDigest)) {
            return Response.fromResponse(error(401, "Authorization", "switching a plug here needs the installer's "
                    + "credentials (user " + INSTALLER + ", the password in the gateway's installer.password)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"homegrid gateway\"").build();
        }
        if (body == null || !body.path("on").isBoolean()) {
            return error(400, "on", "send {\"on\":true} or {\"on\":false}");
        }
        Optional<DeviceDescription> known = directory.device(device);
        if (known.isEmpty()) {
            return error(404, "device", "no device '" + device + "' is known to this gateway");
        }
        if (!known.get().relay()) {
            return error(409, "device", "device '" + device + "' has no relay");
        }
        RelayActuator.Outcome outcome = relays.switchRelay(device, body.get("on").booleanValue());
        if (outcome instanceof RelayActuator.Switched switched) {
            return Response.ok(Map.of("device", device, "on", switched.on())).build();
        }
        if (outcome instanceof RelayActuator.NotConfirmed) {
            return error(504, "device", "device '" + device + "' did not confirm the switch");
        }
        if (outcome instanceof RelayActuator.Unreachable) {
            return error(503, "device", "no radio reaches device '" + device + "' right now");
        }
        return error(503, "device", "gateway stopping");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Response error(int status, String field, String reason) {
        return LocalErrors.answer(status, field, reason);
    }
}
