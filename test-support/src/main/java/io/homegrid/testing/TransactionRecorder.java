package io.homegrid.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.ConsumerBrokerExchange;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.command.Message;
import org.apache.activemq.command.MessageAck;
import org.apache.activemq.command.TransactionId;

/**
 * A broker plugin that records, for every send and every acknowledgement, the destination and
 * the transaction it belongs to, so that a test can tell whether a consumer's acknowledgement
 * and what it published commit together.
 */
public final class TransactionRecorder implements BrokerPlugin {

    /** One send or acknowledgement; {@code transaction} is null outside a transaction. */
    public record Operation(Kind kind, String destination, TransactionId transaction) {
    }

    public enum Kind {
        SEND, ACK
    }

    private final List<Operation> operations = new CopyOnWriteArrayList<>();

    public List<Operation> on(Kind kind, String destination) {
        return operations.stream().filter(o -> o.kind() == kind && o.destination().equals(destination)).toList();
    }

    @Override
    public Broker installPlugin(Broker next) {
        return new BrokerFilter(next) {
            @Override
            public void send(ProducerBrokerExchange exchange, Message message) throws Exception {
                operations.add(new Operation(Kind.SEND, message.getDestination().getPhysicalName(),
                        message.getTransactionId()));
                super.send(exchange, message);
            }

            @Override
            public void acknowledge(ConsumerBrokerExchange exchange, MessageAck ack) throws Exception {
                if (ack.isStandardAck()) {
                    operations.add(new Operation(Kind.ACK, ack.getDestination().getPhysicalName(),
                            ack.getTransactionId()));
                }
                super.acknowledge(exchange, ack);
            }
        };
    }
}
