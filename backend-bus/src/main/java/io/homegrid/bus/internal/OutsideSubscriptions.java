package io.homegrid.bus.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.region.Subscription;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.command.ConsumerId;
import org.apache.activemq.command.ConsumerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.bus.OutsideClients;
import io.homegrid.model.bus.Headers;

/**
 * Narrows what an outside client's subscription receives to the gateways it may see: the broker
 * adds a selector on the {@code gateway} header of every {@code cep.out} message (MQTT has no
 * selectors of its own, so this is the only way to filter there). It asks again twice a second and
 * drops the connection of a client whose grants changed or whose token expired; the client
 * reconnects and gets what its grants cover then.
 */
final class OutsideSubscriptions extends BrokerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(OutsideSubscriptions.class);
    static final long RECHECK_MS = 500;

    private final Map<ConsumerId, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "homegrid-broker-grants");
        thread.setDaemon(true);
        return thread;
    });

    private record Watched(ConnectionContext context, OutsideClients.Client client, Optional<Set<String>> gateways) {
    }

    OutsideSubscriptions(Broker next) {
        super(next);
    }

    @Override
    public void start() throws Exception {
        super.start();
        recheck.scheduleWithFixedDelay(this::recheck, RECHECK_MS, RECHECK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        recheck.shutdownNow();
        super.stop();
    }

    @Override
    public Subscription addConsumer(ConnectionContext context, ConsumerInfo info) throws Exception {
        if (!(context.getSecurityContext() instanceof BrokerAuthentication.OutsideContext outside)) {
            return super.addConsumer(context, info);
        }
        Optional<Set<String>> gateways = outside.client().gateways();
        info.setSelector(restrict(info.getSelector(), gateways));
        watched.put(info.getConsumerId(), new Watched(context, outside.client(), gateways));
        try {
            return super.addConsumer(context, info);
        } catch (Exception | Error e) {
            watched.remove(info.getConsumerId());
            throw e;
        }
    }

    @Override
    public void removeConsumer(ConnectionContext context, ConsumerInfo info) throws Exception {
        watched.remove(info.getConsumerId());
        super.removeConsumer(context, info);
    }

    @Override
    public void removeConnection(ConnectionContext context, ConnectionInfo info, Throwable error) throws Exception {
        watched.values().removeIf(subscription -> subscription.context() == context);
        super.removeConnection(context, info, error);
    }

    /**
     * The client's own selector (STOMP has them), only the gateways it may see (empty: all), and
     * never an isolated replay's outputs, which the API shows to those who ask for that replay.
     */
    static String restrict(String selector, Optional<Set<String>> gateways) {
        String visible = Headers.REPLAY + " IS NULL" + gateways.map(set -> set.isEmpty() ? " AND 1 = 0"
                : " AND " + Headers.GATEWAY + " IN (" + set.stream().sorted().map(id -> "'" + id.replace("'", "''") + "'")
                        .collect(Collectors.joining(", ")) + ")").orElse("");
        return selector == null || selector.isBlank() ? visible : "(" + selector + ") AND " + visible;
    }

    private void recheck() {
        watched.forEach((id, subscription) -> {
            try {
                boolean valid = subscription.client().stillValid();
                if (!valid || !subscription.client().gateways().equals(subscription.gateways())) {
                    watched.remove(id);
                    LOG.info("Closing the broker connection of '{}': {}", subscription.client().name(),
                            valid ? "what its grants cover has changed" : "its login has expired");
                    subscription.context().getConnection()
                            .serviceExceptionAsync(new IOException("what your grants cover has changed; reconnect"));
                }
            } catch (RuntimeException e) {
                // The directory may be away for a moment: keep what was allowed and ask again next time.
                LOG.warn("Cannot recheck the grants of broker client '{}': {}", subscription.client().name(), e.toString());
            }
        });
    }
}
