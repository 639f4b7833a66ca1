package io.homegrid.bus;

/** How full the broker's store is: the Data Push Interface answers 503 before pushes can fill it. */
public interface BrokerLoad {

    /** Percent of the store limit in use; 0 for an external broker, which is not watched from here. */
    int storePercentUsage();
}
