package io.homegrid.gateway.xbee.connector.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.DeviceEvent;
import io.homegrid.gateway.api.DeviceEventListener;

/**
 * The nodes the radio has identified (by discovery or by their own 0x95), and the device event
 * listeners told about each identification.
 */
public final class NodeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final Clock clock;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();

    public NodeRegistry(Clock clock) {
        this.clock = clock;
    }

    public void addListener(DeviceEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeviceEventListener listener) {
        listeners.remove(listener);
    }

    /** Records a node's identifier (NI) and tells every listener, even when nothing changed: it is a sign of life. */
    public void identified(String address, String nodeIdentifier) {
        Node node = new Node(NodeIdentifiers.type(nodeIdentifier), NodeIdentifiers.name(nodeIdentifier));
        Node previous = nodes.put(address, node);
        if (!node.equals(previous)) {
            LOG.info("[{}] identified as {} '{}'", address, node.type(), node.name());
        }
        DeviceEvent event = identification(address, node);
        for (DeviceEventListener listener : listeners) {
            listener.deviceEvent(event);
        }
    }

    /**
     * Tells a listener about every node identified so far. Nodes identify themselves once, on
     * discovery or on joining: a listener that arrives later would otherwise never learn their names.
     */
    public void announceTo(DeviceEventListener listener) {
        nodes.forEach((address, node) -> listener.deviceEvent(identification(address, node)));
    }

    public boolean knows(String address) {
        return nodes.containsKey(address);
    }

    /** The node's device type, or null while it has not identified itself. */
    public String type(String address) {
        Node node = nodes.get(address);
        return node == null ? null : node.type();
    }

    public Set<String> addresses() {
        return Set.copyOf(nodes.keySet());
    }

    private DeviceEvent identification(String address, Node node) {
        return new DeviceEvent(DeviceEvent.Kind.IDENTIFIED, address, node.type(), node.name(),
                NodeIdentifiers.switchable(node.type()), clock.instant());
    }

    private record Node(String type, String name) {
    }
}
