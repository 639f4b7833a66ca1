package io.homegrid.bus;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.pool.PooledConnectionFactory;

/** The two kinds of connection factory the backend uses. */
public final class BusConnections {

    /** OSGi service property telling the two factories apart: {@value #PLAIN} or {@value #POOLED}. */
    public static final String KIND = "homegrid.bus";
    public static final String PLAIN = "plain";
    public static final String POOLED = "pooled";

    private BusConnections() {
    }

    /** For long-lived consumers, which hold their own connection. */
    public static ActiveMQConnectionFactory plain(String brokerUrl) {
        return plain(brokerUrl, null);
    }

    /** The same, logging in as {@code credentials} (null: anonymous, which a homegrid broker refuses). */
    public static ActiveMQConnectionFactory plain(String brokerUrl, BusCredentials credentials) {
        ActiveMQConnectionFactory factory = credentials == null ? new ActiveMQConnectionFactory(brokerUrl)
                : new ActiveMQConnectionFactory(credentials.user(), credentials.password(), brokerUrl);
        factory.setWatchTopicAdvisories(false);
        // After a failover the new broker delivers again what was delivered but not acknowledged.
        // The client's duplicate audit takes those copies for duplicates and poison-acks them into
        // ActiveMQ.DLQ; an INDIVIDUAL_ACKNOWLEDGE session (CEP holds its messages unacknowledged
        // for minutes) is the one kind whose audit is not rolled back on failover, so each failover
        // sent hundreds of handled readings there, and CEP could never acknowledge them. Every
        // long-lived consumer here drops copies itself (readings by seq, minute aggregates by key).
        factory.setCheckForDuplicates(false);
        return factory;
    }

    /** For request-scoped producers (one send per HTTP request) and Camel's JMS component. */
    public static PooledConnectionFactory pooled(ActiveMQConnectionFactory plain, int maxConnections) {
        PooledConnectionFactory pooled = new PooledConnectionFactory(plain);
        pooled.setMaxConnections(maxConnections);
        return pooled;
    }
}
