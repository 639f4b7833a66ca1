package io.homegrid.bus.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTopic;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.security.TempDestinationAuthorizationEntry;

import io.homegrid.bus.BusCredentials;
import io.homegrid.model.bus.Destinations;

/**
 * Who may use the embedded broker, and for what. Every connection authenticates, the in-JVM
 * ones too. The backend's services may do anything; the listener (MQTT, STOMP and OpenWire
 * applications outside the JVM) may only read {@code cep.out}, so nobody outside can publish
 * readings past validation or fake events to other subscribers.
 */
public final class BrokerSecurity {

    static final String SERVICES = "services";
    static final String LISTENERS = "listeners";
    private static final String ADVISORIES = "ActiveMQ.Advisory.>";

    private BrokerSecurity() {
    }

    public static BrokerPlugin[] plugins(BusCredentials services, BusCredentials listener) {
        SimpleAuthenticationPlugin authentication = new SimpleAuthenticationPlugin(List.of(
                new AuthenticationUser(services.user(), services.password(), SERVICES),
                new AuthenticationUser(listener.user(), listener.password(), LISTENERS)));
        authentication.setAnonymousAccessAllowed(false);
        return new BrokerPlugin[] {authentication, new AuthorizationPlugin(authorizations())};
    }

    private static DefaultAuthorizationMap authorizations() {
        List<DestinationMapEntry> entries = new ArrayList<>();
        entries.add(entry(new ActiveMQQueue(">"), SERVICES, SERVICES));
        entries.add(entry(new ActiveMQTopic(">"), SERVICES, SERVICES));
        // Subscribing creates the topic if it is not there yet: that needs admin, not write.
        entries.add(entry(new ActiveMQTopic(Destinations.CEP_OUT), SERVICES + "," + LISTENERS, SERVICES, SERVICES + ","
                + LISTENERS));
        entries.add(entry(new ActiveMQTopic(ADVISORIES), SERVICES + "," + LISTENERS, SERVICES + "," + LISTENERS,
                SERVICES + "," + LISTENERS));
        DefaultAuthorizationMap map = new DefaultAuthorizationMap(entries);
        map.setTempDestinationAuthorizationEntry(grant(new TempDestinationAuthorizationEntry(), SERVICES, SERVICES,
                SERVICES));
        return map;
    }

    private static AuthorizationEntry entry(ActiveMQDestination destination, String read, String write) {
        return entry(destination, read, write, SERVICES);
    }

    private static AuthorizationEntry entry(ActiveMQDestination destination, String read, String write, String admin) {
        AuthorizationEntry entry = grant(new AuthorizationEntry(), read, write, admin);
        entry.setDestination(destination);
        return entry;
    }

    private static <E extends AuthorizationEntry> E grant(E entry, String read, String write, String admin) {
        try {
            entry.setRead(read);
            entry.setWrite(write);
            entry.setAdmin(admin);
        } catch (Exception e) {
            // Only thrown for group names it cannot parse: ours are constants.
            throw new IllegalStateException("broker authorization groups " + read + " / " + write + " / " + admin, e);
        }
        return entry;
    }
}
