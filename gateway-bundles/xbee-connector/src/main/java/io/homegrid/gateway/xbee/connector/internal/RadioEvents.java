package io.homegrid.gateway.xbee.connector.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.RemoteXBeeDevice;
import com.digi.xbee.api.exceptions.InvalidPacketException;
import com.digi.xbee.api.io.IOSample;
import com.digi.xbee.api.listeners.IDiscoveryListener;
import com.digi.xbee.api.models.OperatingMode;
import com.digi.xbee.api.packet.XBeePacket;
import com.digi.xbee.api.packet.common.IODataSampleRxIndicatorPacket;

import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.xbee.frames.FrameType;
import io.homegrid.gateway.xbee.frames.NodeIdentification;
import io.homegrid.gateway.xbee.frames.XBeeFrame;

/**
 * What comes from the radio, routed: IO samples to the sample listeners (asking the network about
 * a node that sends before it identified itself), node identifications, by discovery or the
 * node's own 0x95, to the node registry. Samples and 0x95 frames come straight off the line
 * ({@link FramedConnectionInterface#tap}) and are parsed by the library's packet classes;
 * discovery results come through the library's listener.
 */
public final class RadioEvents implements Consumer<XBeeFrame>, IDiscoveryListener {

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

    /** A frame taken off the line, on the line's reading thread. */
    @Override
    public void accept(XBeeFrame frame) {
        if (frame.type() == FrameType.NODE_IDENTIFICATION) {
            byte[] data = frame.payload();
            NodeIdentification.decode(data).ifPresentOrElse(node -> nodes.identified(node.address(), node.nodeIdentifier()),
                    () -> LOG.warn("[no address] skipped a truncated node identification ({} bytes)", data.length));
            return;
        }
        try {
            XBeePacket packet = XBeePacket.parsePacket(frame.encode(), OperatingMode.API);
            if (packet instanceof IODataSampleRxIndicatorPacket io && io.getIOSample() != null) {
                sampleReceived(io.get64bitSourceAddress().toString(), io.getIOSample());
            } else {
                LOG.warn("[{}] skipped an IO sample frame without samples", frame.sourceAddress());
            }
        } catch (InvalidPacketException e) {
            LOG.warn("[{}] skipped an IO sample the library could not parse: {}", frame.sourceAddress(), e.getMessage());
        }
    }

    private void sampleReceived(String address, IOSample sample) {
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
