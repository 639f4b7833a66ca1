package io.homegrid.routes.rest.internal;

import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.homegrid.model.BundleCommand;
import io.homegrid.model.BundleListCommand;
import io.homegrid.model.CommandResult;

/**
 * A gateway's bundles: listed (its household's admins and operators), and a signed bundle sent to
 * it (operators): the gateway checks the signature, installs or updates it, rolls it back when it
 * does not start, and reports which; 409 with its reason when it refused or rolled back.
 */
@Path("/api/v1/gateways/{gatewayId}/bundles")
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayBundlesResource {

    /** Installing and starting a bundle, or rolling it back, beyond a command's usual answer. */
    static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);

    private final GatewayAdministration administration;
    private final Access access;

    public GatewayBundlesResource(GatewayAdministration administration, Access access) {
        this.administration = administration;
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@PathParam("gatewayId") String gateway, @Context SecurityContext security)
            throws JsonProcessingException {
        GatewayAdministration.Managed admin = administration.admin(gateway, security, "see a gateway's bundles");
        CommandResult result = administration.send(gateway, new BundleListCommand(UUID.randomUUID().toString()),
                GatewayConfigurationResource.ANSWER_TIMEOUT, admin, null, "gatewayId");
        return Map.of("gateway", gateway, "bundles", result.bundles() == null ? List.of() : result.bundles());
    }

    /** The signed bundle jar as the body ({@code application/java-archive} or {@code application/octet-stream}). */
    @POST
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM})
    public Map<String, Object> install(@PathParam("gatewayId") String gateway, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, @Context SecurityContext security)
            throws JsonProcessingException {
        access.operator(CallerContext.of(security), "send bundles to gateways");
        GatewayAdministration.Managed operator = administration.admin(gateway, security, "send bundles to gateways");
        BundleJar jar = BundleJar.of(BodyReader.read(body, length, BundleJar.MAX_BYTES));
        return answer(gateway, jar, administration.send(gateway, command(jar), INSTALL_TIMEOUT, operator,
                "gateway.bundle " + jar.symbolicName() + " " + jar.version(), "bundle"));
    }

    static BundleCommand command(BundleJar jar) {
        return new BundleCommand(UUID.randomUUID().toString(), Base64.getEncoder().encodeToString(jar.bytes()));
    }

    static Map<String, Object> answer(String gateway, BundleJar jar, CommandResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("gateway", gateway);
        answer.put("outcome", result.outcome());
        answer.put("bundle", Map.of("symbolicName", jar.symbolicName(), "version", jar.version()));
        answer.put("bundles", result.bundles() == null ? List.of() : result.bundles());
        return answer;
    }
}
