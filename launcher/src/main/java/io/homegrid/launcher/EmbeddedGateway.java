package io.homegrid.launcher;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.cache.Retention;
import io.homegrid.gateway.cache.SqliteReadingCache;
import io.homegrid.gateway.descriptions.DeviceTypeDescription;
import io.homegrid.gateway.descriptions.SensorDescriptions;
import io.homegrid.gateway.devices.DeviceList;
import io.homegrid.gateway.push.BackendClient;
import io.homegrid.gateway.push.CommandChannel;
import io.homegrid.gateway.push.LocalApi;
import io.homegrid.gateway.push.PushSettings;
import io.homegrid.gateway.push.ReadingPusher;
import io.homegrid.gateway.xbee.connector.XBeeAdapter;
import io.homegrid.launcher.internal.Resources;
import io.homegrid.routes.rest.RestServer;

/**
 * The home gateway in one JVM, wired by hand from the same classes the Felix bundles wire with
 * Declarative Services: XBee adapter → sensor descriptions → cache and device list → pusher, plus
 * the command channel and the local REST API.
 */
public final class EmbeddedGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGateway.class);

    private final Resources resources;
    private final SqliteReadingCache cache;
    private final DeviceList devices;
    private final XBeeAdapter adapter;
    private final ReadingPusher pusher;

    private EmbeddedGateway(Resources resources, SqliteReadingCache cache, DeviceList devices, XBeeAdapter adapter,
            ReadingPusher pusher) {
        this.resources = resources;
        this.cache = cache;
        this.devices = devices;
        this.adapter = adapter;
        this.pusher = pusher;
    }

    public static EmbeddedGateway start(GatewayConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        Resources resources = new Resources();
        try {
            SqliteReadingCache cache = resources.add("reading cache",
                    SqliteReadingCache.open(config.dataDir().resolve("cache.db"), Retention.DEFAULT, clock));
            DeviceList devices = new DeviceList(config.silence(), clock);
            SensorDescriptions descriptions = new SensorDescriptions(DeviceTypeDescription.defaults(), "smart-plug");
            descriptions.addSink(cache);
            descriptions.addSink(devices);
            XBeeAdapter adapter = resources.add("XBee adapter", new XBeeAdapter(config.radio(), 9600, clock));
            adapter.addSampleListener(descriptions);
            adapter.addDeviceEventListener(devices);
            adapter.start();

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "gateway-housekeeping");
                thread.setDaemon(true);
                return thread;
            });
            resources.add("housekeeping", housekeeping::shutdownNow);
            long sweep = Math.max(250, config.silence().toMillis() / 4);
            housekeeping.scheduleWithFixedDelay(devices::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
            housekeeping.scheduleWithFixedDelay(cache::enforceRetention, 5, 5, TimeUnit.MINUTES);
            housekeeping.scheduleWithFixedDelay(adapter::discover, 10, 10, TimeUnit.MINUTES);

            BackendClient backend = new BackendClient(config.backend(), config.id());
            ReadingPusher pusher = new ReadingPusher(backend, cache, devices, PushSettings.of(config.backend(), config.id())
                    .withInterval(config.pushInterval()).withBacklogRate(config.backlogRate()), clock);
            resources.add("pusher", pusher);
            pusher.start();
            List<ProtocolAdapter> adapters = List.of(adapter);
            CommandChannel commands = resources.add("command channel", new CommandChannel(backend, () -> adapters, config.commandWait()));
            commands.start();
            if (config.localPort() > 0) {
                Bus bus = BusFactory.newInstance().createBus();
                resources.add("CXF bus", () -> bus.shutdown(true));
                resources.add("local REST API", RestServer.start(bus, "http://0.0.0.0:" + config.localPort() + "/",
                        LocalApi.resources(config.id(), devices, () -> adapters), LocalApi.providers()));
            }
            LOG.info("Gateway {} pushing to {} from radio {}", config.id(), config.backend(), config.radio());
            return new EmbeddedGateway(resources, cache, devices, adapter, pusher);
        } catch (Exception | Error e) {
            resources.close();
            throw e;
        }
    }

    public SqliteReadingCache cache() {
        return cache;
    }

    public DeviceList devices() {
        return devices;
    }

    public XBeeAdapter adapter() {
        return adapter;
    }

    public ReadingPusher pusher() {
        return pusher;
    }

    @Override
    public void close() {
        resources.close();
    }
}
