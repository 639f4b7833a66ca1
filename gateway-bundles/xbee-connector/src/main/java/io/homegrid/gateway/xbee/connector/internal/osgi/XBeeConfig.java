package io.homegrid.gateway.xbee.connector.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "homegrid XBee adapter", description = "The ZigBee coordinator the gateway reads.")
@interface XBeeConfig {

    @AttributeDefinition(name = "Radio", description = "Serial port (e.g. /dev/ttyUSB0) or tcp://host:port.")
    String radio() default "/dev/ttyUSB0";

    @AttributeDefinition(name = "Baud rate", description = "Serial line speed of the coordinator.")
    int baudRate() default 9600;
}
