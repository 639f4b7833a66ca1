package io.homegrid.bus.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTopic;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.TempDestinationAuthorizationEntry;

import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.OutsideClients;
import io.homegrid.model.bus.Destinations;

/**
 * Who may use the embedded broker, and for what. Every connection authenticates, the in-JVM
 * ones too. The backend's services may do anything; outside clients (MQTT, STOMP and OpenWire
 * applications, authenticated by {@link OutsideClients}) may only read {@code cep.out}, and only
 * the messages of the gateways they may see, so nobody outside can publish readings past
 * validation, fake events to other subscribers, or read another household's outputs.
 */
public final class BrokerSecurity {

    static final String SERVICES = "services";
    static final String LISTENERS = "listeners";
    private static final String ADVISORIES = "ActiveMQ.Advisory.>";

    private BrokerSecurity() {
    }

    public static BrokerPlugin[] plugins(BusCredentials services, OutsideClients outside) {
        // Installed in order, each around the one before: the subscription filter sees a consumer first.
        return new BrokerPlugin[] {broker -> new BrokerAuthentication(broker, services, outside),
            new AuthorizationPlugin(authorizations()), OutsideSubscriptions::new};
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
