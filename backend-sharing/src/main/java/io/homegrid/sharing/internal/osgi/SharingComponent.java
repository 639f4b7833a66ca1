package io.homegrid.sharing.internal.osgi;

import java.time.Clock;
import java.time.Duration;

import javax.jms.ConnectionFactory;
import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.security.AccessControl;
import io.homegrid.sharing.SharingService;
import io.homegrid.sharing.SharingSettings;
import io.homegrid.sql.DatabaseSchema;

/**
 * The data sharing bundle in OSGi: maps its configuration to {@link SharingSettings}, starts the
 * {@link SharingService} the embedded launcher starts, and offers its webhooks to the REST API.
 */
@Component(configurationPid = "io.homegrid.sharing", immediate = true, service = {})
@Designate(ocd = SharingComponent.Config.class)
public final class SharingComponent {

    @ObjectClassDefinition(name = "homegrid data sharing",
            description = "Pushes what households grant registered services to their webhooks.")
    @interface Config {
        @AttributeDefinition(name = "Longest retry wait (s)", description = "Waits between attempts double up to this.")
        long maxBackoffSeconds() default SharingSettings.DEFAULT_MAX_BACKOFF_SECONDS;

        @AttributeDefinition(name = "Items per delivery", description = "At most this many items in one request.")
        int maxBatch() default SharingSettings.DEFAULT_MAX_BATCH;

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often items due are looked for.")
        long pollMillis() default SharingSettings.DEFAULT_POLL_MILLIS;

        @AttributeDefinition(name = "Allow http:// endpoints",
                description = "For trying it out only: households' data would travel in the clear.")
        boolean insecureHttp() default false;
    }

    @Reference(target = "(homegrid.bus=plain)")
    ConnectionFactory connectionFactory;

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    /** Households, gateways and grants; registered once the first operator exists. */
    @Reference
    AccessControl access;

    /** Only for ordering: the webhook tables must exist. */
    @Reference
    DatabaseSchema schema;

    private SharingService service;
    private ServiceRegistration<?> registration;

    static SharingSettings settings(Config config) {
        return new SharingSettings(Duration.ofSeconds(config.maxBackoffSeconds()), config.maxBatch(),
                Duration.ofMillis(config.pollMillis()), config.insecureHttp());
    }

    @Activate
    void activate(Config config, BundleContext context) throws Exception {
        service = SharingService.start(settings(config), connectionFactory, dataSource, access.directory(),
                Clock.systemUTC());
        registration = context.registerService(io.homegrid.sharing.Webhooks.class, service, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        service.close();
    }
}
