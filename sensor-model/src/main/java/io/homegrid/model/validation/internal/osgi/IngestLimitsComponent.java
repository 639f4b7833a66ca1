package io.homegrid.model.validation.internal.osgi;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.model.validation.Limits;

/**
 * Offers the one {@link Limits} service the Data Push Interface and the Sensor Data Parser both
 * take by static reference. A change of {@value Limits#PID} replaces the service, and DS restarts
 * both with the new limits together: a batch the push interface answers 202 is one the parser
 * takes.
 */
@Component(configurationPid = Limits.PID, immediate = true, service = {})
@Designate(ocd = IngestLimitsConfig.class)
public final class IngestLimitsComponent {

    private ServiceRegistration<Limits> registration;

    static Limits limits(IngestLimitsConfig config) {
        return new Limits(config.maxBatchSize(), Duration.ofSeconds(config.maxFutureSkewSeconds()),
                Limits.DEFAULT.earliest());
    }

    @Activate
    void activate(IngestLimitsConfig config, BundleContext context) {
        registration = context.registerService(Limits.class, limits(config), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
