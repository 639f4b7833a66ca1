package io.homegrid.routes.parser;

import java.time.Clock;

import javax.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.component.jms.JmsComponent;

import io.homegrid.routes.parser.internal.ParserRoute;
import io.homegrid.routes.parser.internal.SensorDataParser;

/**
 * The Sensor Data Parser service: the one assembly that both the DS component and the embedded
 * launcher start. It takes the Camel context it runs in (an OSGi one in Karaf, a plain one
 * embedded), binds it to the bus and runs the parser route until closed.
 */
public final class ParserService implements AutoCloseable {

    /** Route id, for health checks and route control. */
    public static final String ROUTE_ID = ParserRoute.ROUTE_ID;
    /** Name of the parser's Camel context, also its {@code camel.context.name} service property in OSGi. */
    public static final String CONTEXT_NAME = "homegrid-parser";

    private static final String JMS = "jms";

    private final CamelContext camel;
    private final ParserSettings settings;

    private ParserService(CamelContext camel, ParserSettings settings) {
        this.camel = camel;
        this.settings = settings;
    }

    /**
     * @param camel             a context not started yet or just created; this service owns it from now on
     * @param connectionFactory a pooling factory: Camel's JMS component opens sessions per exchange
     */
    public static ParserService start(ParserSettings settings, CamelContext camel, ConnectionFactory connectionFactory,
            Clock clock) throws Exception {
        camel.adapt(ExtendedCamelContext.class).setName(CONTEXT_NAME);
        camel.getShutdownStrategy().setTimeout(10);
        camel.addComponent(JMS, JmsComponent.jmsComponent(connectionFactory));
        // OsgiDefaultCamelContext initialises itself in its constructor; routes added before
        // start() would then never be started, so they are added to the running context.
        camel.start();
        try {
            camel.addRoutes(new ParserRoute(new SensorDataParser(clock, settings.limits()),
                    JMS, settings.consumers()));
        } catch (Exception e) {
            camel.stop();
            throw e;
        }
        return new ParserService(camel, settings);
    }

    public CamelContext camel() {
        return camel;
    }

    public ParserSettings settings() {
        return settings;
    }

    /** Stops gracefully: a message in flight is rolled back and redelivered. */
    @Override
    public void close() {
        camel.stop();
    }
}
