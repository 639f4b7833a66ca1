package io.homegrid.bus;

import java.util.Optional;
import java.util.Set;

/**
 * Who, besides the backend's own services, may log in to the broker (MQTT, STOMP and OpenWire
 * applications), and which gateways' CEP outputs each of them may receive. The bus knows nothing
 * of households and grants: the access-control service answers.
 */
@FunctionalInterface
public interface OutsideClients {

    /** Nobody outside gets in: the answer until access control is there. */
    OutsideClients NONE = (user, password) -> Optional.empty();

    /** The client these credentials name; empty when they name nobody. */
    Optional<Client> authenticate(String user, String password);

    /** An authenticated outside client. */
    interface Client {

        /** The user or application name, as the broker's log names it. */
        String name();

        /**
         * The gateways whose {@code cep.out} messages the client may receive now; asked again while
         * it stays subscribed, so that a revoked grant ends the subscription.
         *
         * @return empty to receive every gateway's outputs (an operator)
         */
        Optional<Set<String>> gateways();

        /** Whether the login still holds (a token has not expired); asked as often as {@link #gateways()}. */
        default boolean stillValid() {
            return true;
        }
    }
}
