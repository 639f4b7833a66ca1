package io.homegrid.routes.rest.internal.live;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import javax.websocket.CloseReason;
import javax.websocket.Endpoint;
import javax.websocket.EndpointConfig;
import javax.websocket.MessageHandler;
import javax.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.homegrid.model.json.Json;
import io.homegrid.persistence.analysis.VirtualDevices;
import io.homegrid.routes.rest.internal.Access;
import io.homegrid.routes.rest.internal.ApiException;
import io.homegrid.routes.rest.internal.CommunityAccess;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.Caller;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Scope;

/**
 * One WebSocket client of {@code /api/v1/live/ws}. Its first message says who it is
 * ({@code {"type":"auth","token":…}}: an access token, since a browser cannot set headers on a
 * WebSocket); then it subscribes and unsubscribes ({@code {"type":"subscribe","id":…,"household":…,
 * "devices":[…],"virtualDevice":…,"sensors":[…],"kinds":[…]}}, or a community's residual load with
 * {@code {"type":"subscribe","id":…,"community":…}}; {@code {"type":"unsubscribe","id":…}}) and may resume
 * after the last message id it has ({@code {"type":"resume","after":…}}). Every message it gets
 * names its subscription and its id. Messages wait in a bounded queue; a client that lets it fill
 * is cut off (1013), so that it never slows the others or the bus.
 */
public final class LiveSocket extends Endpoint {

    static final int QUEUE = 2_000;
    /** A socket that has not logged in by then is closed: it would hold a connection for nothing. */
    static final long LOGIN_WITHIN_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
    /** Policy violation: not logged in, or a message it may not send. */
    private static final CloseReason.CloseCode POLICY = CloseReason.CloseCodes.VIOLATED_POLICY;

    private final LiveHub hub;
    private final Access access;
    private final VirtualDevices virtualDevices;
    private final CommunityAccess communities;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile Caller caller;
    private volatile String token;
    private volatile Session session;

    LiveSocket(LiveHub hub, Access access, VirtualDevices virtualDevices) {
        this.hub = hub;
        this.access = access;
        this.virtualDevices = virtualDevices;
        this.communities = new CommunityAccess(access);
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        hub.later(() -> {
            if (caller == null) {
                close(POLICY, "log in within " + LOGIN_WITHIN_MILLIS / 1000 + " s");
            }
        }, LOGIN_WITHIN_MILLIS);
        opened.addMessageHandler(new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String text) {
                handle(text);
            }
        });
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        hub.remove(this);
    }

    @Override
    public void onError(Session failed, Throwable error) {
        LOG.debug("Live socket of {} failed: {}", caller == null ? "nobody yet" : caller.name(), error.getMessage());
        hub.remove(this);
    }

    private void handle(String text) {
        JsonNode request;
        try {
            request = Json.mapper().readTree(text);
        } catch (IOException e) {
            reply(error(null, "message", "not JSON"));
            return;
        }
        String type = request.path("type").asText("");
        if (caller == null) {
            if (!"auth".equals(type)) {
                close(POLICY, "log in first: {\"type\":\"auth\",\"token\":…}");
                return;
            }
            authenticate(request.path("token").asText(""));
            return;
        }
        switch (type) {
            case "subscribe" -> subscribe(request);
            case "unsubscribe" -> {
                String id = request.path("id").asText("");
                reply(subscriptions.remove(id) == null ? error(id, "id", "no subscription '" + id + "'")
                        : Json.mapper().createObjectNode().put("type", "unsubscribed").put("id", id));
                watched();
            }
            case "resume" -> resume(request.path("after").asLong(-1));
            default -> reply(error(request.path("id").asText(null), "type",
                    "one of subscribe, unsubscribe, resume; was '" + type + "'"));
        }
    }

    private void authenticate(String token) {
        try {
            caller = access.control().authenticate("Bearer " + token);
            this.token = token;
            hub.add(this);
            reply(Json.mapper().createObjectNode().put("type", "welcome").put("user", caller.name())
                    .put("oldest", hub.oldest()));
        } catch (AuthenticationException e) {
            close(POLICY, "not logged in: " + e.getMessage());
        }
    }

    private void subscribe(JsonNode request) {
        String id = request.path("id").asText("");
        if (id.isBlank() || id.length() > 64) {
            reply(error(id, "id", "required, 1 to 64 characters"));
            return;
        }
        if (request.has("community")) {
            subscribeToCommunity(id, request);
            return;
        }
        Set<String> kinds = texts(request, "kinds");
        if (kinds.isEmpty()) {
            kinds = Subscription.KINDS;
        } else if (!Subscription.KINDS.containsAll(kinds)) {
            reply(error(id, "kinds", "each one of " + Subscription.KINDS));
            return;
        }
        String household = request.path("household").asText("");
        try {
            Access.Reach reach = access.household(caller, household, Scope.LIVE_READ, null);
            Set<String> gateways = access.control().directory().gateways(household).stream()
                    .map(GatewayRegistration::gateway).collect(Collectors.toSet());
            Set<String> devices = texts(request, "devices");
            String virtual = request.path("virtualDevice").asText("");
            if (!virtual.isEmpty()) {
                // its members as they are now: a virtual device changed later needs a new subscription
                devices = new HashSet<>(devices);
                devices.addAll(virtualDevices.get(household, virtual).orElseThrow(() -> new ApiException(404,
                        "virtualDevice", "household " + household + " has no virtual device '" + virtual + "'"))
                        .devices());
            }
            subscriptions.put(id, new Subscription(id, household, gateways, devices, texts(request, "sensors"), kinds,
                    reach, null));
            watched();
            reply(Json.mapper().createObjectNode().put("type", "subscribed").put("id", id));
        } catch (ApiException e) {
            // the status the same question over HTTP answers: 404 for a household the caller may not see, 403 …
            reply(((ObjectNode) error(id, e.field(), e.getMessage())).put("status", e.status()));
        }
    }

    /** A community's residual load: for whoever reads the community over HTTP, answered as HTTP would be. */
    private void subscribeToCommunity(String id, JsonNode request) {
        Set<String> kinds = texts(request, "kinds");
        if (!kinds.isEmpty() && !kinds.equals(Set.of(Subscription.COMMUNITY))) {
            reply(error(id, "kinds", "a community's subscription carries its residual load only: [\"community\"]"));
            return;
        }
        String community = request.path("community").asText("");
        try {
            communities.reader(caller, community);
            subscriptions.put(id, Subscription.ofCommunity(id, community));
            watched();
            reply(Json.mapper().createObjectNode().put("type", "subscribed").put("id", id));
        } catch (ApiException e) {
            reply(((ObjectNode) error(id, e.field(), e.getMessage())).put("status", e.status()));
        }
    }

    /** What the hub still holds after the client's last message id, for the subscriptions it has now. */
    private void resume(long after) {
        if (after < 0) {
            reply(error(null, "after", "the id of the last message received"));
            return;
        }
        long oldest = hub.oldest();
        if (after + 1 < oldest) {
            reply(Json.mapper().createObjectNode().put("type", "gap").put("after", after).put("oldest", oldest));
        }
        hub.after(after).forEach(this::offer);
    }

    /** From the hub's thread: never blocks. */
    void offer(LiveMessage message) {
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.matches(message)) {
                ObjectNode out = Json.mapper().createObjectNode().put("type", "message").put("id", message.id())
                        .put("subscription", subscription.id()).put("kind", message.kind());
                out.set("data", message.data());
                if (!queue.offer(out.toString())) {
                    queue.clear();
                    hub.remove(this);
                    close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow: " + QUEUE
                            + " messages waiting; reconnect and resume");
                    return;
                }
            }
        }
        drain();
    }

    /**
     * Asks again, from the hub's timer, whether the token still holds and each subscription is
     * still allowed: an expired token closes the socket (1008); for an application, a revoked grant
     * ends the subscription it allowed ({@code {"type":"revoked","id":…}}), a narrowed one narrows it;
     * a community the caller no longer counts in ends its subscription the same way.
     */
    void recheck() {
        Caller current = caller;
        if (current == null) {
            return;
        }
        try {
            access.control().authenticate("Bearer " + token);
        } catch (AuthenticationException e) {
            hub.remove(this);
            close(POLICY, "log in again: " + e.getMessage());
            return;
        }
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.community() == null && !(current instanceof Caller.Application)) {
                // a person's reach is their household, which grants do not change
                continue;
            }
            try {
                if (subscription.community() != null) {
                    // a household that left the community no longer hears it
                    communities.reader(current, subscription.community());
                    continue;
                }
                Access.Reach reach = access.household(current, subscription.household(), Scope.LIVE_READ, null);
                subscriptions.replace(subscription.id(), subscription, subscription.within(reach));
            } catch (ApiException e) {
                subscriptions.remove(subscription.id());
                watched();
                reply(Json.mapper().createObjectNode().put("type", "revoked").put("id", subscription.id())
                        .put("reason", e.getMessage()));
            } catch (RuntimeException e) {
                // the directory is away: the subscription stays as it was until it can be asked again
                LOG.debug("Live subscription {} not re-checked: {}", subscription.id(), e.getMessage());
            }
        }
    }

    /** Tells the hub which gateways and households this socket's subscriptions cover now. */
    private synchronized void watched() {
        Set<String> gateways = new HashSet<>();
        Set<String> households = new HashSet<>();
        Set<String> watchedCommunities = new HashSet<>();
        for (Subscription subscription : subscriptions.values()) {
            gateways.addAll(subscription.gateways());
            if (subscription.household() != null) {
                households.add(subscription.household());
            }
            if (subscription.community() != null) {
                watchedCommunities.add(subscription.community());
            }
        }
        hub.watch(this, gateways, households, watchedCommunities);
    }

    void serverClosing() {
        close(CloseReason.CloseCodes.GOING_AWAY, "the server is stopping");
    }

    private void reply(JsonNode message) {
        if (!queue.offer(message.toString())) {
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow");
            return;
        }
        drain();
    }

    /** One send in flight at a time, each completion starting the next. */
    private void drain() {
        Session open = session;
        if (open == null || !open.isOpen() || !sending.compareAndSet(false, true)) {
            return;
        }
        String next = queue.poll();
        if (next == null) {
            sending.set(false);
            if (!queue.isEmpty()) {
                drain();
            }
            return;
        }
        open.getAsyncRemote().sendText(next, result -> {
            sending.set(false);
            if (result.isOK()) {
                drain();
            } else {
                LOG.debug("Live socket send failed: {}", result.getException().getMessage());
            }
        });
    }

    private void close(CloseReason.CloseCode code, String reason) {
        Session open = session;
        if (open != null && open.isOpen()) {
            try {
                open.close(new CloseReason(code, reason.length() > 120 ? reason.substring(0, 120) : reason));
            } catch (IOException e) {
                LOG.debug("Closing a live socket failed: {}", e.getMessage());
            }
        }
    }

    private static JsonNode error(String id, String field, String reason) {
        ObjectNode error = Json.mapper().createObjectNode().put("type", "error").put("field", field).put("reason", reason);
        if (id != null) {
            error.put("id", id);
        }
        return error;
    }

    private static Set<String> texts(JsonNode request, String field) {
        JsonNode node = request.path(field);
        Set<String> values = new java.util.LinkedHashSet<>();
        node.forEach(item -> values.add(item.asText()));
        return values;
    }
}
