package io.homegrid.security.internal;

import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.bus.OutsideClients;
import io.homegrid.security.AccessControl;
import io.homegrid.security.AuthenticationException;
import io.homegrid.security.BasicCredentials;
import io.homegrid.security.Caller;
import io.homegrid.security.DirectoryUnavailableException;
import io.homegrid.security.Scope;

/**
 * Broker logins of MQTT, STOMP and OpenWire applications, checked like an API call: a person's
 * name and password, an application's client id and secret, or user {@value #TOKEN_USER} with a
 * token as the password. What they then receive is what {@link Scope#LIVE_READ} covers, as for
 * the live SSE stream. Gateways push over HTTPS and have no business on the broker.
 */
public final class BrokerClients implements OutsideClients {

    /** Capitalised, so that no user can be called so (user names are lower case). */
    public static final String TOKEN_USER = "Bearer";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerClients.class);

    private final AccessControl access;

    public BrokerClients(AccessControl access) {
        this.access = access;
    }

    @Override
    public Optional<Client> authenticate(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        try {
            String authorization = TOKEN_USER.equals(user) ? "Bearer " + password
                    : new BasicCredentials(user, password).header();
            Caller caller = access.authenticate(authorization);
            if (caller instanceof Caller.Gateway) {
                LOG.info("Broker login refused for gateway '{}': gateways push over HTTPS", caller.name());
                return Optional.empty();
            }
            return Optional.of(new Listener(caller, TOKEN_USER.equals(user) ? authorization : null));
        } catch (AuthenticationException e) {
            LOG.info("Broker login refused for '{}': {}", user, e.getMessage());
            return Optional.empty();
        } catch (DirectoryUnavailableException e) {
            LOG.warn("Broker login refused for '{}': the directory is unavailable ({})", user, e.getMessage());
            return Optional.empty();
        }
    }

    private final class Listener implements Client {

        private final Caller caller;
        /** The token it logged in with, checked again while it stays; null for a password or secret. */
        private final String bearer;

        Listener(Caller caller, String bearer) {
            this.caller = caller;
            this.bearer = bearer;
        }

        @Override
        public boolean stillValid() {
            if (bearer == null) {
                return true;
            }
            try {
                access.authenticate(bearer);
                return true;
            } catch (AuthenticationException e) {
                return false;
            }
        }

        @Override
        public String name() {
            return caller.name();
        }

        @Override
        public Optional<Set<String>> gateways() {
            return access.readableGateways(caller, Scope.LIVE_READ);
        }
    }
}
