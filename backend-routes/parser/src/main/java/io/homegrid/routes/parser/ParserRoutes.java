package io.homegrid.routes.parser;

import java.time.Clock;

import org.apache.camel.RoutesBuilder;

import io.homegrid.model.validation.BatchReader;
import io.homegrid.model.validation.Limits;
import io.homegrid.routes.parser.internal.ParserRoute;
import io.homegrid.routes.parser.internal.SensorDataParser;

/** The Sensor Data Parser route, for whichever Camel context hosts it. */
public final class ParserRoutes {

    /** Route id, for health checks and route control. */
    public static final String ROUTE_ID = ParserRoute.ROUTE_ID;

    private ParserRoutes() {
    }

    /**
     * @param jmsComponent name of the Camel JMS component bound to the broker
     * @param consumers    concurrent consumers of readings.raw
     */
    public static RoutesBuilder parser(Limits limits, Clock clock, String jmsComponent, int consumers) {
        return new ParserRoute(new SensorDataParser(BatchReader.readings(clock, limits), clock), jmsComponent, consumers);
    }
}
