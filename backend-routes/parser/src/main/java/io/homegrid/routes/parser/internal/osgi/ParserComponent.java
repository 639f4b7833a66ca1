package io.homegrid.routes.parser.internal.osgi;

import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.spi.LanguageResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.model.validation.Limits;
import io.homegrid.routes.parser.ParserRoutes;

/**
 * The parser bundle in OSGi: its own Camel context on the pooled bus connection, running the
 * same route as the embedded mode, offered as a {@link CamelContext} service for health checks.
 * On redeploy the context stops gracefully; a message in flight is rolled back and redelivered.
 *
 * <p>A Camel context resolves the {@code simple} language while it initialises, and in OSGi that
 * language is a service camel-core-osgi registers once camel-core-languages has started. Bundles
 * start in any order, so the component waits for it rather than fail its activation for good.
 */
@Component(configurationPid = "io.homegrid.parser", immediate = true, service = {},
        reference = @Reference(name = "simpleLanguage", service = LanguageResolver.class, target = "(language=simple)"))
@Designate(ocd = ParserConfig.class)
public final class ParserComponent {

    /** Service property naming the context, {@code (camel.context.name=homegrid-parser)}. */
    static final String CONTEXT_NAME = "homegrid-parser";

    @Reference(target = "(homegrid.bus=pooled)")
    private ConnectionFactory connectionFactory;

    private OsgiDefaultCamelContext camel;
    private ServiceRegistration<CamelContext> registration;

    @Activate
    void activate(ParserConfig config, BundleContext context) throws Exception {
        camel = new OsgiDefaultCamelContext(context);
        camel.setName(CONTEXT_NAME);
        camel.getShutdownStrategy().setTimeout(10);
        camel.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        // OsgiDefaultCamelContext initialises itself in its constructor; routes added before
        // start() would then never be started, so they are added to the running context.
        camel.start();
        camel.addRoutes(ParserRoutes.parser(Limits.DEFAULT, Clock.systemUTC(), "jms", config.consumers()));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("camel.context.name", CONTEXT_NAME);
        registration = context.registerService(CamelContext.class, camel, properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        camel.stop();
    }
}
