package io.homegrid.replay.internal.osgi;

import java.time.Clock;
import java.time.Duration;

import javax.jms.ConnectionFactory;
import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.replay.ReplayService;
import io.homegrid.replay.ReplaySettings;
import io.homegrid.sql.DatabaseSchema;

/** Replay Control in OSGi: maps its configuration to {@link ReplaySettings} and starts the {@link ReplayService} the embedded launcher starts. */
@Component(configurationPid = ReplaySettings.PID, immediate = true, service = {})
@Designate(ocd = ReplayComponent.Config.class)
public final class ReplayComponent {

    @ObjectClassDefinition(name = "homegrid Replay Control", description = "Stored readings sent through the pipeline again.")
    @interface Config {
        @AttributeDefinition(name = "Page size", description = "Readings read from the database at a time.")
        int pageSize() default ReplaySettings.DEFAULT_PAGE_SIZE;

        @AttributeDefinition(name = "Replays at once", description = "Replays sent at the same time; more wait queued.")
        int maxRunning() default ReplaySettings.DEFAULT_MAX_RUNNING;

        @AttributeDefinition(name = "Progress every (ms)", description = "How often a replay records and announces its progress.")
        int progressMillis() default ReplaySettings.DEFAULT_PROGRESS_MILLIS;
    }

    @Reference(target = "(homegrid.bus=plain)")
    ConnectionFactory connectionFactory;

    @Reference(target = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    /** Only for ordering: the replay table must exist. */
    @Reference
    DatabaseSchema schema;

    private ReplayService service;

    static ReplaySettings settings(Config config) {
        return new ReplaySettings(config.pageSize(), config.maxRunning(), Duration.ofMillis(config.progressMillis()));
    }

    @Activate
    void activate(Config config) throws Exception {
        service = ReplayService.start(settings(config), connectionFactory, dataSource, Clock.systemUTC());
    }

    @Deactivate
    void deactivate() throws Exception {
        service.close();
    }
}
