package io.homegrid.gateway.xbee.connector.internal;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.RemoteXBeeDevice;
import com.digi.xbee.api.io.IOSample;
import com.digi.xbee.api.listeners.IDiscoveryListener;
import com.digi.xbee.api.listeners.IIOSampleReceiveListener;
import com.digi.xbee.api.listeners.IPacketReceiveListener;
import com.digi.xbee.api.packet.UnknownXBeePacket;
import com.digi.xbee.api.packet.XBeePacket;

import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.xbee.frames.FrameType;
import io.homegrid.gateway.xbee.frames.NodeIdentification;

/**
 * What the library reports from the radio, routed: IO samples to the sample listeners (asking the
 * network about a node that sends before it identified itself), node identifications, by
 * discovery or the node's own 0x95, to the node registry.
 */
public final class RadioEvents implements IIOSampleReceiveListener, IPacketReceiveListener, IDiscoveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(RadioEvents.class);

    private final NodeRegistry nodes;
    private final List<SampleListener> sampleListeners;
    private final Runnable askNetwork;
    private final Clock clock;

    /**
     * @param sampleListeners read on every sample, so a thread-safe list the caller keeps adding to
     * @param askNetwork      starts a node discovery
     */
    public RadioEvents(NodeRegistry nodes, List<SampleListener> sampleListeners, Runnable askNetwork, Clock clock) {
        this.nodes = nodes;
        this.sampleListeners = sampleListeners;
        this.askNetwork = askNetwork;
        this.clock = clock;
    }

    @Override
    public void ioSampleReceived(RemoteXBeeDevice remote, IOSample sample) {
        String address = remote.get64BitAddress().toString();
        String type = nodes.type(address);
        RawSample raw = SampleConverter.raw(address, type, clock.instant(), sample);
        if (type == null) {
            LOG.debug("[{}] sample from a node not identified yet; asking the network", address);
            askNetwork.run();
        }
        for (SampleListener listener : sampleListeners) {
            listener.sampleReceived(raw);
        }
    }

    @Override
    public void packetReceived(XBeePacket packet) {
        // The library has no type for 0x95 and hands it over unparsed.
        if (packet instanceof UnknownXBeePacket unknown && unknown.getFrameTypeValue() == FrameType.NODE_IDENTIFICATION) {
            byte[] data = unknown.getRFData();
            NodeIdentification.decode(data).ifPresentOrElse(node -> nodes.identified(node.address(), node.nodeIdentifier()),
                    () -> LOG.warn("[no address] skipped a truncated node identification ({} bytes)", data.length));
        }
    }

    @Override
    public void deviceDiscovered(RemoteXBeeDevice device) {
        nodes.identified(device.get64BitAddress().toString(), device.getNodeID());
    }

    @Override
    public void discoveryError(String error) {
        LOG.warn("Node discovery: {}", error);
    }

    @Override
    public void discoveryFinished(String error) {
        LOG.debug("Node discovery finished{}", error == null ? "" : ": " + error);
    }
}
