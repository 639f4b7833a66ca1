package io.homegrid.gateway.xbee.connector;

import java.time.Duration;

/**
 * How the XBee connector runs; the one home of its defaults (the metatype annotation, the Felix
 * {@code etc/} file and the launcher take theirs from here).
 *
 * @param radio             {@code tcp://host:port} (simulator, network bridge) or a serial port such as {@code /dev/ttyUSB0}
 * @param baudRate          serial line speed of the coordinator
 * @param discoveryInterval how often the network is asked which nodes are there: nodes that
 *                          joined while their identification was lost are found this way
 */
public record XBeeSettings(String radio, int baudRate, Duration discoveryInterval) {

    public static final String DEFAULT_RADIO = "/dev/ttyUSB0";
    public static final int DEFAULT_BAUD_RATE = 9600;
    public static final int DEFAULT_DISCOVERY_SECONDS = 600;
    public static final XBeeSettings DEFAULT = new XBeeSettings(DEFAULT_RADIO, DEFAULT_BAUD_RATE,
            Duration.ofSeconds(DEFAULT_DISCOVERY_SECONDS));

    public XBeeSettings withRadio(String newRadio) {
        return new XBeeSettings(newRadio, baudRate, discoveryInterval);
    }
}
