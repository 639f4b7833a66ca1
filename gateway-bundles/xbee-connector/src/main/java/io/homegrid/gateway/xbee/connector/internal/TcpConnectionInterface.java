package io.homegrid.gateway.xbee.connector.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.digi.xbee.api.connection.ConnectionType;

/** The radio line over TCP: a coordinator behind a serial-to-network bridge, or the simulator. */
public final class TcpConnectionInterface extends FramedConnectionInterface {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnectionInterface.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private volatile Socket socket;

    public TcpConnectionInterface(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    protected Streams connect() throws IOException {
        Socket connected = new Socket();
        connected.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        connected.setTcpNoDelay(true);
        socket = connected;
        return new Streams(connected.getInputStream(), connected.getOutputStream());
    }

    @Override
    protected void disconnect() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed: {}", this, e.getMessage());
            }
        }
    }

    @Override
    public ConnectionType getConnectionType() {
        return ConnectionType.UNKNOWN;
    }

    @Override
    public String toString() {
        return "tcp://" + host + ":" + port;
    }
}
