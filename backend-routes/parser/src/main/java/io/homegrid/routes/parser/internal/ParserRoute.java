package io.homegrid.routes.parser.internal;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import io.homegrid.model.bus.Destinations;
import io.homegrid.model.bus.Headers;
import io.homegrid.model.bus.ReadingBatchCodec;
import io.homegrid.model.json.Json;

/**
 * {@code readings.raw} → Sensor Data Parser → {@code readings.parsed} (valid, canonical units)
 * and {@code readings.invalid} (refused, with reasons).
 *
 * <p>The consumer is transacted: both publications and the removal of the raw message commit
 * together, and a crash before the commit redelivers the raw message (the repository drops the
 * duplicate readings that may result). Messages that make the route itself fail go to
 * {@code readings.raw.dead} after three attempts instead of blocking the queue.
 */
public final class ParserRoute extends RouteBuilder {

    public static final String ROUTE_ID = "sensor-data-parser";
    private static final String VALID = "homegridValid";
    private static final String INVALID = "homegridInvalid";

    private final SensorDataParser parser;
    private final String component;
    private final int consumers;

    /**
     * @param component name of the Camel JMS component bound to the broker, e.g. {@code jms}
     * @param consumers concurrent consumers of readings.raw
     */
    public ParserRoute(SensorDataParser parser, String component, int consumers) {
        this.parser = parser;
        this.component = component;
        this.consumers = consumers;
    }

    @Override
    public void configure() {
        errorHandler(deadLetterChannel(component + ":queue:" + Destinations.deadLetterQueue(Destinations.READINGS_RAW))
                .maximumRedeliveries(3).useOriginalMessage().logExhausted(true));

        // A local transaction of the consumer's own JMS session, which Spring exposes to the
        // producers below: the raw acknowledgement and both publications commit as one. Camel's
        // default, a lazily created JmsTransactionManager, commits the consumer's cached session
        // and the producers' session apart, and a crash between the two lost an accepted batch.
        from(component + ":queue:" + Destinations.READINGS_RAW + "?transacted=true&lazyCreateTransactionManager=false"
                + "&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=" + consumers)
            .routeId(ROUTE_ID)
            .process(this::parse)
            .filter(exchangeProperty(VALID).isNotNull())
                .setBody(exchangeProperty(VALID))
                .to(component + ":topic:" + Destinations.READINGS_PARSED + "?deliveryPersistent=true")
            .end()
            .filter(exchangeProperty(INVALID).isNotNull())
                .setBody(exchangeProperty(INVALID))
                .removeHeader(Headers.READINGS)
                .to(component + ":queue:" + Destinations.READINGS_INVALID + "?deliveryPersistent=true")
            .end();
    }

    private void parse(Exchange exchange) throws Exception {
        String gateway = exchange.getMessage().getHeader(Headers.GATEWAY, String.class);
        if (ReadingBatchCodec.FORM_MANY.equals(exchange.getMessage().getHeader(Headers.FORM, String.class))) {
            // Several gateways' batches the push interface validated and wrote together: routed
            // whole, in their push lane's JMS group. Split per gateway here, one push of one reading
            // again cost a persistent message and two queue copies of its own downstream, and
            // singles were stored slower than they were accepted (issue 13).
            exchange.setProperty(VALID, exchange.getMessage().getMandatoryBody(byte[].class));
            return;
        }
        if (ReadingBatchCodec.FORM.equals(exchange.getMessage().getHeader(Headers.FORM, String.class))) {
            // Validated and normalised by the push interface under the same limits (only the
            // services' broker user may write readings.raw): routed as it is.
            exchange.setProperty(VALID, exchange.getMessage().getMandatoryBody(byte[].class));
            groupByGateway(exchange, gateway);
            return;
        }
        Long replay = exchange.getMessage().getHeader(Headers.REPLAY, Long.class);
        String body = exchange.getMessage().getMandatoryBody(String.class);
        ParseOutcome outcome = replay == null ? parser.parse(gateway, body) : parser.parseReplayed(gateway, body, replay);
        if (outcome.valid() != null) {
            exchange.setProperty(VALID, Json.mapper().writeValueAsString(outcome.valid()));
            exchange.getMessage().setHeader(Headers.READINGS, outcome.valid().readings().size());
        }
        if (!outcome.invalid().isEmpty()) {
            exchange.setProperty(INVALID, Json.mapper().writeValueAsString(outcome.invalid()));
        }
        groupByGateway(exchange, gateway);
    }

    /**
     * A message that came in a group (the push interface's lane, which also carries the gateway's
     * enveloped batches) keeps it; others, such as replays, go in their gateway's.
     */
    private static void groupByGateway(Exchange exchange, String gateway) {
        if (gateway != null && exchange.getMessage().getHeader(Headers.GROUP) == null) {
            exchange.getMessage().setHeader(Headers.GROUP, gateway);
        }
    }
}
