package io.homegrid.routes.rest.internal.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.bus.BrokerLoad;
import io.homegrid.bus.DestinationStats;
import io.homegrid.persistence.IngestStats;
import io.homegrid.replay.Replay;
import io.homegrid.replay.ReplayClient;
import io.homegrid.replay.ReplayState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The backend's meters in one Prometheus registry: what the REST API counts itself (requests,
 * pushed readings, held requests) and what it reads from the services it talks to at each scrape
 * (the Persistence Connector's counters, the broker's destinations, the parser's exchanges in
 * flight, the replays), and the JVM's. The names are listed in the README ("Metrics").
 *
 * <p>Services that come and go in OSGi are read through suppliers: while one is away its meters
 * answer 0 (counters then restart from 0, which Prometheus takes as a reset).
 */
public final class PlatformMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Supplier<BrokerLoad> broker;
    private final ReplayClient replays;
    /** Destinations seen so far, each with its meters registered once; their values are the last scrape's. */
    private final Map<String, DestinationStats> destinations = new ConcurrentHashMap<>();
    private final Map<ReplayState, Long> replayCounts = new ConcurrentHashMap<>();
    private volatile long replayReadingsSent;

    public PlatformMetrics(Supplier<IngestStats> persistence, Supplier<BrokerLoad> broker, Supplier<CamelContext> parser,
            ReplayClient replays) {
        this.broker = broker;
        this.replays = replays;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ingest(persistence, "homegrid.readings.stored", "readings the Persistence Connector wrote", IngestStats::readingsStored);
        ingest(persistence, "homegrid.readings.duplicates", "re-sent readings dropped by (gateway, seq)",
                IngestStats::duplicatesDropped);
        ingest(persistence, "homegrid.messages.dead.lettered", "messages the Persistence Connector could not store",
                IngestStats::messagesDeadLettered);
        Gauge.builder("homegrid.persistence.lag", persistence, stats -> read(stats, s -> s.lag().toNanos() / 1e9))
                .description("age since its push was accepted of the oldest reading being stored")
                .baseUnit("seconds").register(registry);
        Gauge.builder("homegrid.parser.inflight", parser, camel -> {
            CamelContext context = camel.get();
            return context == null ? 0 : context.getInflightRepository().size();
        }).description("messages the Sensor Data Parser is working on").register(registry);
        Gauge.builder("homegrid.broker.store.usage", broker, load -> read(load, BrokerLoad::storePercentUsage))
                .description("percent of the embedded broker's store limit in use").baseUnit("percent").register(registry);
        for (ReplayState state : ReplayState.values()) {
            replayCounts.put(state, 0L);
            Gauge.builder("homegrid.replays", replayCounts, counts -> counts.getOrDefault(state, 0L))
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).description("replays by state").register(registry);
        }
        Gauge.builder("homegrid.replay.readings.sent", this, metrics -> metrics.replayReadingsSent)
                .description("readings the running replays have sent so far").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The registry in Prometheus' text format, with what is read at scrape time brought up to date first. */
    public String scrape() {
        refreshDestinations();
        refreshReplays();
        return registry.scrape();
    }

    private void ingest(Supplier<IngestStats> persistence, String name, String description,
            ToDoubleFunction<IngestStats> count) {
        FunctionCounter.builder(name, persistence, stats -> read(stats, count)).description(description)
                .register(registry);
    }

    private static <T> double read(Supplier<T> service, ToDoubleFunction<T> value) {
        T present = service.get();
        return present == null ? 0 : value.applyAsDouble(present);
    }

    private void refreshDestinations() {
        BrokerLoad load = broker.get();
        if (load == null) {
            return;
        }
        for (DestinationStats stats : load.destinations()) {
            if (destinations.put(stats.name(), stats) == null) {
                register(stats);
            }
        }
    }

    private void register(DestinationStats first) {
        String name = first.name();
        String type = first.topic() ? "topic" : "queue";
        Gauge.builder("homegrid.destination.messages", destinations, all -> all.get(name).messages())
                .tags("destination", name, "type", type).description("messages held by the destination")
                .register(registry);
        Gauge.builder("homegrid.destination.consumers", destinations, all -> all.get(name).consumers())
                .tags("destination", name, "type", type).description("consumers attached").register(registry);
        FunctionCounter.builder("homegrid.destination.enqueued", destinations, all -> all.get(name).enqueued())
                .tags("destination", name, "type", type).description("messages sent to the destination")
                .register(registry);
        FunctionCounter.builder("homegrid.destination.dequeued", destinations, all -> all.get(name).dequeued())
                .tags("destination", name, "type", type).description("messages its consumers acknowledged")
                .register(registry);
    }

    private void refreshReplays() {
        try {
            List<Replay> all = replays.list(null);
            Map<ReplayState, Long> counts = new EnumMap<>(ReplayState.class);
            long sent = 0;
            for (Replay replay : all) {
                counts.merge(replay.state(), 1L, Long::sum);
                if (replay.state() == ReplayState.RUNNING) {
                    sent += replay.readingsSent();
                }
            }
            for (ReplayState state : ReplayState.values()) {
                replayCounts.put(state, counts.getOrDefault(state, 0L));
            }
            replayReadingsSent = sent;
        } catch (RuntimeException e) {
            // The other meters still answer; the replay ones keep their last values.
            LOG.warn("Replay metrics not read: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
