package io.homegrid.routes.rest.internal.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.jms.Topic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.homegrid.model.CepOutput;
import io.homegrid.model.DeviceBatch;
import io.homegrid.model.DeviceDescription;
import io.homegrid.model.Reading;
import io.homegrid.model.ReadingBatch;
import io.homegrid.model.SensorKind;
import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;

/**
 * The WebSocket live channel's one subscription to the bus per backend instance: parsed readings
 * as soon as the parser published them (not after the CEP's lateness bound), relay switches and
 * device joins and leaves derived from them and from the gateways' device lists, CEP outputs,
 * replay progress and the communities' residual load, each numbered and kept in a window of the last {@link #WINDOW} for clients
 * that reconnect and resume. Handing a message to the sockets never waits: a socket that cannot
 * keep up is cut off by its own bounded queue ({@link LiveSocket}).
 */
public final class LiveHub implements AutoCloseable {

    static final int WINDOW = 10_000;
    /** How often each socket's token and grants are asked again, as the SSE stream does. */
    static final long RECHECK_MILLIS = 1_000;
    /**
     * How long after the last socket left the hub still keeps the window, for a client that
     * reconnects; with nobody listening for longer, messages are not even decoded (the ingest path
     * of a backend nobody watches live pays nothing for the channel).
     */
    static final long KEEP_WITHOUT_SOCKETS_MILLIS = 120_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

    private final ConnectionFactory connectionFactory;
    private final AtomicLong ids = new AtomicLong();
    private final LiveChanges changes = new LiveChanges();
    private final Deque<LiveMessage> window = new ArrayDeque<>();
    private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
    /**
     * Who watches what: a message is offered to the sockets subscribed to its gateway (or, for a
     * replay's progress, its household) only, not to every socket, so a thousand clients of a
     * thousand homes cost each message one lookup.
     */
    private final Map<String, Set<LiveSocket>> byGateway = new ConcurrentHashMap<>();
    private final Map<String, Set<LiveSocket>> byHousehold = new ConcurrentHashMap<>();
    private final Map<String, Set<LiveSocket>> byCommunity = new ConcurrentHashMap<>();
    private final Map<LiveSocket, Watch> watches = new ConcurrentHashMap<>();
    /** Closes sockets that did not log in in time. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "live-sockets");
        thread.setDaemon(true);
        return thread;
    });
    private Connection connection;
    private volatile long lastListened = System.currentTimeMillis();

    public LiveHub(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** Subscribes to the bus; the sockets get what comes from then on. */
    public void start() throws JMSException {
        timer.scheduleWithFixedDelay(() -> {
            for (LiveSocket socket : sockets) {
                socket.recheck();
            }
        }, RECHECK_MILLIS, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        connection = connectionFactory.createConnection();
        // One session per topic: a session delivers to one listener at a time.
        Session readings = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        readings.createConsumer(readings.createTopic(Destinations.READINGS_PARSED), Headers.REPLAY + " IS NULL")
                .setMessageListener(this::readings);
        Session outputs = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        outputs.createConsumer(outputs.createTopic(Destinations.CEP_OUT + "," + Destinations.REPLAY_PROGRESS),
                Headers.REPLAY + " IS NULL").setMessageListener(this::outputs);
        Session devices = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        devices.createConsumer(devices.createTopic(Destinations.DEVICES_LIVE)).setMessageListener(this::devices);
        Session communities = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        communities.createConsumer(communities.createTopic(Destinations.communityResidual("*")))
                .setMessageListener(this::community);
        connection.start();
    }

    void later(Runnable task, long millis) {
        timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    void add(LiveSocket socket) {
        sockets.add(socket);
    }

    void remove(LiveSocket socket) {
        sockets.remove(socket);
        watch(socket, Set.of(), Set.of(), Set.of());
        lastListened = System.currentTimeMillis();
    }

    /** What a socket's subscriptions cover now; called whenever they change. */
    synchronized void watch(LiveSocket socket, Set<String> gateways, Set<String> households, Set<String> communities) {
        Watch before = watches.getOrDefault(socket, Watch.NONE);
        // a socket gone (closed, cut off) watches nothing, whatever a late subscription says
        Watch now = sockets.contains(socket)
                ? new Watch(Set.copyOf(gateways), Set.copyOf(households), Set.copyOf(communities))
                : Watch.NONE;
        route(byGateway, socket, before.gateways(), now.gateways());
        route(byHousehold, socket, before.households(), now.households());
        route(byCommunity, socket, before.communities(), now.communities());
        if (now.gateways().isEmpty() && now.households().isEmpty() && now.communities().isEmpty()) {
            watches.remove(socket);
        } else {
            watches.put(socket, now);
        }
    }

    private static void route(Map<String, Set<LiveSocket>> index, LiveSocket socket, Set<String> before, Set<String> now) {
        for (String key : before) {
            if (!now.contains(key)) {
                index.computeIfPresent(key, (k, watching) -> {
                    watching.remove(socket);
                    return watching.isEmpty() ? null : watching;
                });
            }
        }
        for (String key : now) {
            index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(socket);
        }
    }

    private record Watch(Set<String> gateways, Set<String> households, Set<String> communities) {
        static final Watch NONE = new Watch(Set.of(), Set.of(), Set.of());
    }

    private boolean listened() {
        return !sockets.isEmpty() || System.currentTimeMillis() - lastListened < KEEP_WITHOUT_SOCKETS_MILLIS;
    }

    /** Sockets logged in now. */
    public int sockets() {
        return sockets.size();
    }

    /** What the window still holds after {@code id}, oldest first; empty when the client is up to date. */
    synchronized List<LiveMessage> after(long id) {
        List<LiveMessage> missed = new ArrayList<>();
        for (LiveMessage message : window) {
            if (message.id() > id) {
                missed.add(message);
            }
        }
        return missed;
    }

    /** The oldest id the window still holds (0 while empty). */
    synchronized long oldest() {
        return window.isEmpty() ? 0 : window.peekFirst().id();
    }

    private void readings(Message message) {
        if (!listened()) {
            return;
        }
        try {
            List<ReadingBatch> batches;
            if (message instanceof BytesMessage bytes) {
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                batches = ReadingBatchCodec.decodeAll(body);
            } else {
                batches = List.of(Json.mapper().readValue(((TextMessage) message).getText(), ReadingBatch.class));
            }
            for (ReadingBatch batch : batches) {
                for (Reading reading : batch.readings()) {
                    ObjectNode data = Json.mapper().createObjectNode().put("gateway", batch.gateway())
                            .put("device", reading.device()).put("sensor", reading.sensor().id())
                            .put("value", reading.value()).put("unit", reading.unit())
                            .put("time", reading.time().toString()).put("seq", reading.seq());
                    publish("reading", batch.gateway(), null, reading.device(), reading.sensor().id(), null, data);
                    if (reading.sensor() == SensorKind.RELAY
                            && changes.switched(batch.gateway(), reading.device(), reading.value())) {
                        publish("relay", batch.gateway(), null, reading.device(), reading.sensor().id(), null,
                                Json.mapper().createObjectNode().put("gateway", batch.gateway())
                                        .put("device", reading.device()).put("on", reading.value() != 0)
                                        .put("time", reading.time().toString()).put("seq", reading.seq()));
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("A readings message was not passed to the live sockets: {}", e.getMessage());
        }
    }

    /** A gateway's device list: joins and leaves, whether or not anybody listens (the states must stay known). */
    private void devices(Message message) {
        try {
            DeviceBatch batch = Json.mapper().readValue(((TextMessage) message).getText(), DeviceBatch.class);
            for (DeviceDescription device : changes.joinedOrLeft(batch)) {
                if (listened()) {
                    publish("device", batch.gateway(), null, device.device(), null, null, Json.mapper().createObjectNode()
                            .put("gateway", batch.gateway()).put("device", device.device()).put("name", device.name())
                            .put("type", device.type()).put("relay", device.relay()).put("state", device.state().id()));
                }
            }
        } catch (Exception e) {
            LOG.warn("A device list was not passed to the live sockets: {}", e.getMessage());
        }
    }

    private void outputs(Message message) {
        if (!listened()) {
            return;
        }
        try {
            String text = ((TextMessage) message).getText();
            if (Destinations.REPLAY_PROGRESS.equals(topic(message))) {
                JsonNode progress = Json.mapper().readTree(text);
                publish("replay", null, progress.path("household").asText(null), null, null, null, progress);
                return;
            }
            CepOutput output = Json.mapper().readValue(text, CepOutput.class);
            publish(CepOutput.AGGREGATE.equals(output.kind()) ? "aggregate" : "event", output.gateway(), null,
                    output.device(), null, null, Json.mapper().valueToTree(output));
        } catch (Exception e) {
            LOG.warn("A CEP output was not passed to the live sockets: {}", e.getMessage());
        }
    }

    /**
     * A community's residual load, each minute's and as it stands; the community is the topic's,
     * as the CEP engine addressed it.
     */
    private void community(Message message) {
        if (!listened()) {
            return;
        }
        try {
            String community = Destinations.communityOfResidual(topic(message));
            if (community == null) {
                return;
            }
            publish(Subscription.COMMUNITY, null, null, null, null, community,
                    Json.mapper().readTree(((TextMessage) message).getText()));
        } catch (Exception e) {
            LOG.warn("A community's residual load was not passed to the live sockets: {}", e.getMessage());
        }
    }

    private static String topic(Message message) throws JMSException {
        return message.getJMSDestination() instanceof Topic topic ? topic.getTopicName() : null;
    }

    private void publish(String kind, String gateway, String household, String device, String sensor,
            String community, JsonNode data) {
        LiveMessage message;
        synchronized (this) {
            message = new LiveMessage(ids.incrementAndGet(), kind, gateway, household, device, sensor, community, data);
            window.addLast(message);
            if (window.size() > WINDOW) {
                window.removeFirst();
            }
        }
        Set<LiveSocket> watching = gateway != null ? byGateway.get(gateway)
                : household != null ? byHousehold.get(household)
                : community != null ? byCommunity.get(community) : null;
        if (watching != null) {
            for (LiveSocket socket : watching) {
                socket.offer(message);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        // a loop, not a method reference: hosts without a WebSocket container never load LiveSocket
        for (LiveSocket socket : sockets) {
            socket.serverClosing();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.warn("Closing the live channel's bus connection failed", e);
            }
        }
    }
}
