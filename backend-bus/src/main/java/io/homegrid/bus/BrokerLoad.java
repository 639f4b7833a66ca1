package io.homegrid.bus;

import java.util.List;

/** How full the broker's store is: the Data Push Interface answers 503 before pushes can fill it. */
public interface BrokerLoad {

    /** Percent of the store limit in use; 0 for an external broker, which is not watched from here. */
    int storePercentUsage();

    /**
     * Every destination of the embedded broker with its counters, for the metrics; empty for an
     * external broker, whose own exporter (JMX) reports them.
     */
    default List<DestinationStats> destinations() {
        return List.of();
    }
}
