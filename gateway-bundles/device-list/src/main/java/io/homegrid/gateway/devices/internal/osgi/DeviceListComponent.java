package io.homegrid.gateway.devices.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import io.homegrid.gateway.devices.DeviceList;

/** The device list as a {@link DeviceDirectory}, fed as a device event listener and a measurement sink. */
@Component(configurationPid = "io.homegrid.gateway.devices", immediate = true, service = {})
@Designate(ocd = DeviceListComponent.Config.class)
public final class DeviceListComponent {

    @ObjectClassDefinition(name = "homegrid device list", description = "When a silent device counts as left.")
    @interface Config {
        @AttributeDefinition(name = "Silence (s)", description = "A device that reports nothing this long has left.")
        int silenceSeconds() default 60;
    }

    private ScheduledExecutorService sweeper;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(Config config, BundleContext context) {
        DeviceList devices = new DeviceList(Duration.ofSeconds(config.silenceSeconds()), Clock.systemUTC());
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "device-list-sweep"));
        long period = Math.max(1, config.silenceSeconds() / 4);
        sweeper.scheduleWithFixedDelay(devices::sweep, period, period, TimeUnit.SECONDS);
        registration = context.registerService(new String[] {DeviceDirectory.class.getName(),
            DeviceEventListener.class.getName(), MeasurementSink.class.getName()}, devices, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        sweeper.shutdownNow();
    }
}
