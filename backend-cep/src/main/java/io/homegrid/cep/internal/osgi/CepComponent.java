package io.homegrid.cep.internal.osgi;

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

import io.homegrid.cep.CepService;
import io.homegrid.cep.CepSettings;
import io.homegrid.cep.StatementAdmin;
import io.homegrid.sql.DatabaseSchema;

/**
 * The CEP bundle in OSGi: maps its configuration to {@link CepSettings}, starts the
 * {@link CepService} the embedded launcher starts, and offers its {@link StatementAdmin} once
 * the statements are deployed.
 */
@Component(configurationPid = "io.homegrid.cep", immediate = true, service = {})
@Designate(ocd = CepComponent.Config.class)
public final class CepComponent {

    @ObjectClassDefinition(name = "homegrid CEP", description = "Esper statements over the readings, on event time.")
    @interface Config {
        @AttributeDefinition(name = "Lateness (s)", description = "How long out-of-order readings are waited for.")
        int latenessSeconds() default CepSettings.DEFAULT_LATENESS_SECONDS;

        @AttributeDefinition(name = "Switch threshold (W)", description = "Above this a device counts as on.")
        double switchThreshold() default CepSettings.DEFAULT_SWITCH_THRESHOLD;

        @AttributeDefinition(name = "Peak limit (W)", description = "Household minute average above this is a peak.")
        double peakLimit() default CepSettings.DEFAULT_PEAK_LIMIT;

        @AttributeDefinition(name = "Cycle hours", description = "On longer than this without a pause is reported.")
        int cycleHours() default CepSettings.DEFAULT_CYCLE_HOURS;

        @AttributeDefinition(name = "Minimum temperature (°C)", description = "A room below this is reported cold.")
        double minTemperature() default CepSettings.DEFAULT_MIN_TEMPERATURE;
    }

    @Reference(target = "(homegrid.bus=plain)")
    ConnectionFactory connectionFactory;

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    /** Only for ordering: the statement table must exist. */
    @Reference
    DatabaseSchema schema;

    private CepService service;
    private ServiceRegistration<StatementAdmin> registration;

    static CepSettings settings(Config config) {
        return new CepSettings(Duration.ofSeconds(config.latenessSeconds()), config.switchThreshold(),
                config.peakLimit(), config.cycleHours(), config.minTemperature());
    }

    @Activate
    void activate(Config config, BundleContext context) throws Exception {
        service = CepService.start(settings(config), connectionFactory, dataSource, Clock.systemUTC());
        registration = context.registerService(StatementAdmin.class, service.admin(), null);
    }

    @Deactivate
    void deactivate() throws Exception {
        registration.unregister();
        service.close();
    }

    CepService service() {
        return service;
    }
}
