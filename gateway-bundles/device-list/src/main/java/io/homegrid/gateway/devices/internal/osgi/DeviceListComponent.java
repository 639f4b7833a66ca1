package io.homegrid.gateway.devices.internal.osgi;

import java.time.Clock;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.gateway.api.DeviceDirectory;
import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.devices.DeviceListService;
import io.homegrid.gateway.devices.DeviceListSettings;

/** Starts {@link DeviceListService} and offers its list as a {@link DeviceDirectory}, device event listener and measurement sink. */
@Component(configurationPid = "io.homegrid.gateway.devices", immediate = true, service = {})
@Designate(ocd = DeviceListComponent.Config.class)
public final class DeviceListComponent {

    @ObjectClassDefinition(name = "homegrid device list", description = "When a silent device counts as left.")
    @interface Config {
        @AttributeDefinition(name = "Silence (s)", description = "A device that reports nothing this long has left.")
        int silenceSeconds() default DeviceListSettings.DEFAULT_SILENCE_SECONDS;
    }

    private DeviceListService service;
    private ServiceRegistration<?> registration;

    static DeviceListSettings settings(Config config) {
        return new DeviceListSettings(Duration.ofSeconds(config.silenceSeconds()));
    }

    @Activate
    void activate(Config config, BundleContext context) {
        service = DeviceListService.start(settings(config), Clock.systemUTC());
        registration = context.registerService(new String[] {DeviceDirectory.class.getName(),
            DeviceEventListener.class.getName(), MeasurementSink.class.getName()}, service.devices(), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        service.close();
    }

    DeviceListService service() {
        return service;
    }
}
