package io.homegrid.security.internal.osgi;

import java.io.File;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.bus.OutsideClients;
import io.homegrid.security.AccessControl;
import io.homegrid.security.AccessService;
import io.homegrid.security.AccessSettings;
import io.homegrid.sql.DatabaseSchema;

/**
 * Access control in OSGi: starts the {@link AccessService} the embedded launcher starts, once the
 * data source and a migrated schema are there, and offers {@link AccessControl} and the broker's
 * {@link OutsideClients}. A generated first
 * password goes to the bundle's data area only (Karaf's {@code data/cache/…}), never to the log.
 */
@Component(configurationPid = AccessSettings.PID, immediate = true, service = {})
@Designate(ocd = AccessConfig.class)
public final class AccessComponent {

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    /** Only for ordering: start on a migrated schema. */
    @Reference
    DatabaseSchema schema;

    private ServiceRegistration<AccessControl> registration;
    private ServiceRegistration<OutsideClients> brokerRegistration;

    static AccessSettings settings(AccessConfig config, File dataArea) {
        AccessSettings defaults = AccessSettings.in(dataArea == null ? null : dataArea.toPath());
        return new AccessSettings(Duration.ofSeconds(config.tokenLifetimeSeconds()), defaults.adminPassword(),
                defaults.adminPasswordFile());
    }

    @Activate
    void activate(AccessConfig config, BundleContext context) {
        AccessService service = AccessService.start(settings(config, context.getDataFile("")), dataSource, Clock.systemUTC());
        registration = context.registerService(AccessControl.class, service.access(), null);
        brokerRegistration = context.registerService(OutsideClients.class, service.brokerClients(), null);
    }

    @Deactivate
    void deactivate() {
        brokerRegistration.unregister();
        registration.unregister();
    }
}
