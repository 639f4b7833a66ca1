package io.homegrid.launcher;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.CommunityListener;
import io.homegrid.gateway.api.InstallerCredential;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.cache.ReadingCacheService;
import io.homegrid.gateway.cache.SqliteReadingCache;
import io.homegrid.gateway.community.CommunityAgent;
import io.homegrid.gateway.descriptions.DescriptionSettings;
import io.homegrid.gateway.descriptions.SensorDescriptions;
import io.homegrid.gateway.devices.DeviceList;
import io.homegrid.gateway.devices.DeviceListService;
import io.homegrid.gateway.push.BundleUpdates;
import io.homegrid.gateway.push.GatewaySettings;
import io.homegrid.gateway.push.LocalApi;
import io.homegrid.gateway.push.PushService;
import io.homegrid.gateway.push.ReadingPusher;
import io.homegrid.gateway.xbee.connector.XBeeAdapter;
import io.homegrid.gateway.xbee.connector.XBeeService;
import io.homegrid.launcher.internal.Resources;
import io.homegrid.routes.rest.RestServer;

/**
 * The home gateway in one JVM: starts each bundle's service, the same ones the Felix bundles'
 * components start, and connects them as Declarative Services would; plus the local REST API.
 */
public final class EmbeddedGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGateway.class);

    private final Resources resources;
    private final ReadingCacheService cache;
    private final DeviceListService devices;
    private final XBeeService xbee;
    private final PushService push;
    private final CommunityAgent agent;

    private EmbeddedGateway(Resources resources, ReadingCacheService cache, DeviceListService devices, XBeeService xbee,
            PushService push, CommunityAgent agent) {
        this.resources = resources;
        this.cache = cache;
        this.devices = devices;
        this.xbee = xbee;
        this.push = push;
        this.agent = agent;
    }

    public static EmbeddedGateway start(GatewayConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        Resources resources = new Resources();
        try {
            ReadingCacheService cache = resources.add("reading cache", ReadingCacheService.start(config.cache(), clock));
            DeviceListService devices = resources.add("device list", DeviceListService.start(config.devices(), clock));
            SensorDescriptions descriptions = new SensorDescriptions(DescriptionSettings.DEFAULT);
            descriptions.addSink(cache.cache());
            descriptions.addSink(devices.devices());
            XBeeService xbee = resources.add("XBee connector", XBeeService.start(config.xbee(), clock));
            xbee.adapter().addSampleListener(descriptions);
            xbee.adapter().addDeviceEventListener(devices.devices());
            List<ProtocolAdapter> adapters = List.of(xbee.adapter());
            CommunityAgent agent = config.community() == null ? null : resources.add("community agent",
                    CommunityAgent.start(config.community(), devices.devices(), () -> adapters,
                            () -> List.of(cache.cache(), devices.devices()), clock));
            List<CommunityListener> communities = agent == null ? List.of() : List.of(agent);
            PushService push = resources.add("push", PushService.start(config.push(), cache.cache(), devices.devices(),
                    () -> adapters, GatewaySettings.fixed(config.push(), Map.of(), "the embedded gateway takes its"
                            + " settings from its command line (./homegrid gateway --help)"),
                    BundleUpdates.none("the embedded gateway has no bundles; update it as a whole"),
                    () -> communities, clock));
            if (config.localPort() > 0) {
                Bus bus = BusFactory.newInstance().createBus();
                resources.add("CXF bus", () -> bus.shutdown(true));
                resources.add("local REST API", RestServer.start(bus, "http://" + config.localHost() + ":" + config.localPort() + "/",
                        LocalApi.resources(config.id(), devices.devices(), cache.cache(), push, () -> adapters,
                                InstallerCredential.in(config.dataDir()).password()), LocalApi.providers()));
            }
            LOG.info("Gateway {} pushing to {} from radio {}", config.id(), config.backend(), config.radio());
            return new EmbeddedGateway(resources, cache, devices, xbee, push, agent);
        } catch (Exception | Error e) {
            resources.close();
            throw e;
        }
    }

    public SqliteReadingCache cache() {
        return cache.cache();
    }

    public DeviceList devices() {
        return devices.devices();
    }

    public XBeeAdapter adapter() {
        return xbee.adapter();
    }

    public ReadingPusher pusher() {
        return push.pusher();
    }

    /** The community agent; empty when the gateway runs none. */
    public java.util.Optional<CommunityAgent> communityAgent() {
        return java.util.Optional.ofNullable(agent);
    }

    @Override
    public void close() {
        resources.close();
    }
}
