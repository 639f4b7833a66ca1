package io.homegrid.gateway.xbee.connector.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.gateway.xbee.connector.XBeeSettings;

@ObjectClassDefinition(name = "homegrid XBee adapter", description = "The ZigBee coordinator the gateway reads.")
@interface XBeeConfig {

    @AttributeDefinition(name = "Radio", description = "Serial port (e.g. /dev/ttyUSB0) or tcp://host:port.")
    String radio() default XBeeSettings.DEFAULT_RADIO;

    @AttributeDefinition(name = "Baud rate", description = "Serial line speed of the coordinator.")
    int baudRate() default XBeeSettings.DEFAULT_BAUD_RATE;

    @AttributeDefinition(name = "Discovery (s)", description = "How often the network is asked which nodes are there.")
    int discoverySeconds() default XBeeSettings.DEFAULT_DISCOVERY_SECONDS;
}
