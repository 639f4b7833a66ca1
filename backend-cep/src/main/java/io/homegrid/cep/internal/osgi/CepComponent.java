package io.homegrid.cep.internal.osgi;

import java.time.Clock;
import java.time.Duration;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
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

/** The CEP service in OSGi, offering its {@link StatementAdmin} once the statements are deployed. */
@Component(configurationPid = "io.homegrid.cep", immediate = true, service = {})
@Designate(ocd = CepComponent.Config.class)
public final class CepComponent {

    @ObjectClassDefinition(name = "homegrid CEP", description = "Esper statements over the readings, on event time.")
    @interface Config {
        @AttributeDefinition(name = "Lateness (s)", description = "How long out-of-order readings are waited for.")
        int latenessSeconds() default 5;

        @AttributeDefinition(name = "Switch threshold (W)", description = "Above this a device counts as on.")
        double switchThreshold() default 5;

        @AttributeDefinition(name = "Peak limit (W)", description = "Household minute average above this is a peak.")
        double peakLimit() default 3_000;

        @AttributeDefinition(name = "Cycle hours", description = "On longer than this without a pause is reported.")
        int cycleHours() default 3;

        @AttributeDefinition(name = "Minimum temperature (°C)", description = "A room below this is reported cold.")
        double minTemperature() default 12;
    }

    @Reference(target = "(homegrid.bus=plain)")
    private ConnectionFactory connectionFactory;

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    private DataSource dataSource;

    /** Only for ordering: the statement table must exist. */
    @Reference
    private DatabaseSchema schema;

    private CepService service;
    private ServiceRegistration<StatementAdmin> registration;

    @Activate
    void activate(Config config, BundleContext context) throws JMSException {
        service = new CepService(connectionFactory, dataSource, new CepSettings(Duration.ofSeconds(config.latenessSeconds()),
                config.switchThreshold(), config.peakLimit(), config.cycleHours(), config.minTemperature()),
                Clock.systemUTC());
        service.start();
        registration = context.registerService(StatementAdmin.class, service.admin(), null);
    }

    @Deactivate
    void deactivate() throws Exception {
        registration.unregister();
        service.close();
    }
}
