package io.homegrid.gateway.xbee.connector.internal;

import java.io.IOException;

import com.digi.xbee.api.connection.ConnectionType;
import com.fazecast.jSerialComm.SerialPort;

/** The radio line over a real serial port (USB XBee adapter), through jSerialComm. */
public final class SerialConnectionInterface extends FramedConnectionInterface {

    private final String portName;
    private final int baudRate;
    private volatile SerialPort port;

    public SerialConnectionInterface(String portName, int baudRate) {
        this.portName = portName;
        this.baudRate = baudRate;
    }

    @Override
    protected Streams connect() throws IOException {
        SerialPort serial = SerialPort.getCommPort(portName);
        serial.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        serial.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 0, 0);
        if (!serial.openPort()) {
            throw new IOException("cannot open serial port " + portName + " (error " + serial.getLastErrorCode() + ")");
        }
        port = serial;
        return new Streams(serial.getInputStream(), serial.getOutputStream());
    }

    @Override
    protected void disconnect() {
        SerialPort current = port;
        if (current != null) {
            current.closePort();
        }
    }

    @Override
    public ConnectionType getConnectionType() {
        return ConnectionType.UNKNOWN;
    }

    @Override
    public String toString() {
        return portName + "@" + baudRate;
    }
}
