package io.homegrid.gateway.xbee.simulator;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.xbee.frames.BatteryInterface;
import io.homegrid.gateway.xbee.frames.FrameType;
import io.homegrid.gateway.xbee.frames.Frames;
import io.homegrid.gateway.xbee.frames.XBeeFrame;

/**
 * The XBee ZigBee coordinator's side of the host protocol: answers local AT commands (the ones
 * the XBee Java Library sends on open, ND, NT), and relays remote AT commands to the nodes, where
 * {@code D4} switches a smart plug's relay and {@code M0} sets a battery's power.
 */
final class Coordinator {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final Map<String, byte[]> PARAMETERS = Map.of(
            "AP", new byte[] {0x01},
            "SH", new byte[] {0x00, 0x13, (byte) 0xA2, 0x00},
            "SL", new byte[] {0x40, 0x00, 0x00, 0x01},
            "MY", new byte[] {0x00, 0x00},
            "NI", "COORDINATOR".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            "HV", new byte[] {0x19, 0x4B}, // XB24-BxIx: ZigBee hardware
            "VR", new byte[] {0x21, (byte) 0xA7}, // ZigBee coordinator API firmware
            "NT", new byte[] {0x14}); // node discovery time: 2.0 s

    private final Collection<SimulatedDevice> devices;
    private final Consumer<XBeeFrame> send;
    private final Consumer<SimulatedDevice> relayChanged;
    private final Runnable discoveryAsked;

    Coordinator(Collection<SimulatedDevice> devices, Consumer<XBeeFrame> send, Consumer<SimulatedDevice> relayChanged,
            Runnable discoveryAsked) {
        this.devices = devices;
        this.send = send;
        this.relayChanged = relayChanged;
        this.discoveryAsked = discoveryAsked;
    }

    void handle(XBeeFrame frame) {
        switch (frame.type()) {
            case FrameType.AT_COMMAND -> localAt(frame.payload());
            case FrameType.REMOTE_AT_COMMAND -> remoteAt(frame.payload());
            default -> LOG.debug("Ignoring frame type 0x{} from the host", Integer.toHexString(frame.type()));
        }
    }

    private void localAt(byte[] payload) {
        int frameId = payload[0] & 0xFF;
        String command = new String(payload, 1, 2, java.nio.charset.StandardCharsets.US_ASCII);
        boolean isSet = payload.length > 3;
        if ("ND".equals(command)) {
            discoveryAsked.run();
            for (SimulatedDevice device : devices) {
                if (device.joined()) {
                    send.accept(Frames.nodeDiscoveryResponse(frameId, device.address64(), device.address16(),
                            device.nodeIdentifier()));
                }
            }
            return;
        }
        byte[] value = PARAMETERS.get(command);
        if (isSet || value != null) {
            send.accept(Frames.atResponse(frameId, command, Frames.STATUS_OK, isSet ? new byte[0] : value));
        } else {
            send.accept(Frames.atResponse(frameId, command, Frames.STATUS_INVALID_COMMAND));
        }
    }

    private void remoteAt(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int frameId = in.get() & 0xFF;
        long address64 = in.getLong();
        int address16 = in.getShort() & 0xFFFF;
        in.get(); // options
        byte[] commandBytes = new byte[2];
        in.get(commandBytes);
        String command = new String(commandBytes, java.nio.charset.StandardCharsets.US_ASCII);
        byte[] parameter = new byte[in.remaining()];
        in.get(parameter);
        SimulatedDevice device = devices.stream().filter(d -> d.address64() == address64 && d.joined())
                .findFirst().orElse(null);
        if (device == null) {
            // A node that left the network does not answer: the coordinator reports a failed delivery.
            send.accept(Frames.remoteAtResponse(frameId, address64, address16, command, Frames.STATUS_TRANSMISSION_FAILED));
            return;
        }
        if (BatteryInterface.SETPOINT_COMMAND.equals(command) && device.battery() != null) {
            if (parameter.length > 0) {
                device.battery().setpoint(BatteryInterface.counts(parameter));
                LOG.info("Battery {} ({}) set to {} W", device.address(), device.nodeIdentifier(),
                        BatteryInterface.watts(device.battery().setpointCounts()));
            }
            send.accept(Frames.remoteAtResponse(frameId, device.address64(), device.address16(), command, Frames.STATUS_OK,
                    parameter.length > 0 ? new byte[0] : BatteryInterface.parameter(device.battery().setpointCounts())));
            return;
        }
        if (("D" + SimulatedDevice.RELAY_LINE).equals(command) && parameter.length == 1
                && SimulatedDevice.SMART_PLUG.equals(device.type())) {
            device.relay(parameter[0] == 0x05);
            LOG.info("Plug {} ({}) switched {}", device.address(), device.nodeIdentifier(), device.relay() ? "on" : "off");
            send.accept(Frames.remoteAtResponse(frameId, device.address64(), device.address16(), command, Frames.STATUS_OK));
            relayChanged.accept(device);
            return;
        }
        send.accept(Frames.remoteAtResponse(frameId, device.address64(), device.address16(), command,
                parameter.length == 0 && !PARAMETERS.containsKey(command) ? Frames.STATUS_INVALID_COMMAND : Frames.STATUS_OK));
    }
}
