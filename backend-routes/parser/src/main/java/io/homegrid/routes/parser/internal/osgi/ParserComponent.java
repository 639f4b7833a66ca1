package io.homegrid.routes.parser.internal.osgi;

import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Function;

import javax.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
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
import io.homegrid.routes.parser.ParserService;
import io.homegrid.routes.parser.ParserSettings;

/**
 * The parser bundle in OSGi: maps its configuration to {@link ParserSettings} and starts the
 * {@link ParserService} the embedded launcher starts, in a Camel context of its own, offered as
 * a {@link CamelContext} service for health checks.
 *
 * <p>Its limits are the one {@link Limits} service the REST API takes too (configured by
 * {@value Limits#PID}), so a batch the push interface accepts is one the parser takes.
 *
 * <p>A Camel context resolves the {@code simple} language while it initialises, and in OSGi that
 * language is a service camel-core-osgi registers once camel-core-languages has started. Bundles
 * start in any order, so the component waits for it rather than fail its activation for good.
 */
@Component(configurationPid = "io.homegrid.parser", immediate = true, service = {},
        reference = @Reference(name = "simpleLanguage", service = LanguageResolver.class, target = "(language=simple)"))
@Designate(ocd = ParserConfig.class)
public final class ParserComponent {

    @Reference(target = "(homegrid.bus=pooled)")
    ConnectionFactory connectionFactory;

    @Reference
    Limits limits;

    /** Container-free tests run the service in a plain Camel context. */
    Function<BundleContext, CamelContext> contexts = OsgiDefaultCamelContext::new;

    private ParserService service;
    private ServiceRegistration<CamelContext> registration;

    static ParserSettings settings(ParserConfig config, Limits limits) {
        return new ParserSettings(config.consumers(), limits);
    }

    @Activate
    void activate(ParserConfig config, BundleContext context) throws Exception {
        service = ParserService.start(settings(config, limits), contexts.apply(context), connectionFactory, Clock.systemUTC());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("camel.context.name", ParserService.CONTEXT_NAME);
        registration = context.registerService(CamelContext.class, service.camel(), properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        service.close();
    }

    ParserService service() {
        return service;
    }
}
