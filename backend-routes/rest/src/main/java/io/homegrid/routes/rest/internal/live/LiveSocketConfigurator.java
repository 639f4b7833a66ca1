package io.homegrid.routes.rest.internal.live;

import java.util.List;
import java.util.function.Supplier;

import javax.websocket.Endpoint;
import javax.websocket.Extension;
import javax.websocket.HandshakeResponse;
import javax.websocket.server.HandshakeRequest;
import javax.websocket.server.ServerEndpointConfig;

/**
 * A new {@link LiveSocket} per connection, and the handshake answered here: the API's default
 * methods ask a container configurator found through the thread's context class loader, which a
 * host that starts its server from another class loader (Maven's exec plugin, an OSGi framework)
 * does not see, and every handshake would then fail.
 */
final class LiveSocketConfigurator extends ServerEndpointConfig.Configurator {

    private final Supplier<Endpoint> sockets;

    LiveSocketConfigurator(Supplier<Endpoint> sockets) {
        this.sockets = sockets;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> type) {
        return type.cast(sockets.get());
    }

    /**
     * Any origin: a socket is authorized by the access token in its first message, never by a
     * cookie, so a page of another origin that opens one gets nothing without a token.
     */
    @Override
    public boolean checkOrigin(String origin) {
        return true;
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested.stream().filter(supported::contains).findFirst().orElse("");
    }

    /** No extensions: messages are small JSON documents, and compression would cost each socket memory. */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return List.of();
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // nothing to add: the token comes in the first message
    }
}
