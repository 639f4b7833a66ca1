package io.homegrid.routes.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import io.homegrid.persistence.DeviceView;
import io.homegrid.persistence.GatewaySummary;
import io.homegrid.persistence.SensorDataRepository;

/** Aggregate Sensing Interface: the gateways and their devices. */
@Path("/api/v1/gateways")
@Produces(MediaType.APPLICATION_JSON)
public final class GatewayQueryResource {

    private final SensorDataRepository repository;

    public GatewayQueryResource(SensorDataRepository repository) {
        this.repository = repository;
    }

    @GET
    public Gateways gateways() {
        return new Gateways(repository.gateways());
    }

    @GET
    @Path("{gatewayId}/devices")
    public Devices devices(@PathParam("gatewayId") String gateway) {
        QueryParams.id(gateway, "gatewayId");
        return repository.devicesOf(gateway).map(devices -> new Devices(gateway, devices))
                .orElseThrow(() -> ApiException.notFound("gatewayId", "no gateway '" + gateway + "' has pushed anything"));
    }

    public record Gateways(List<GatewaySummary> gateways) {
    }

    public record Devices(String gateway, List<DeviceView> devices) {
    }
}
