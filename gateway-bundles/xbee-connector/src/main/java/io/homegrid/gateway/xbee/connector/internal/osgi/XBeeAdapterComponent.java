package io.homegrid.gateway.xbee.connector.internal.osgi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.homegrid.gateway.api.DeviceEventListener;
import io.homegrid.gateway.api.ProtocolAdapter;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.xbee.connector.XBeeService;
import io.homegrid.gateway.xbee.connector.XBeeSettings;

/**
 * The XBee connector as an OSGi component: starts {@link XBeeService} with its configuration,
 * hands it every {@link SampleListener} and {@link DeviceEventListener} service (whiteboard) and
 * offers its adapter as a {@link ProtocolAdapter}.
 */
@Component(configurationPid = "io.homegrid.gateway.xbee", immediate = true, service = {})
@Designate(ocd = XBeeConfig.class)
public final class XBeeAdapterComponent {

    // DS binds the listeners already there before activate: they wait here until the service runs.
    private final List<SampleListener> sampleListeners = new CopyOnWriteArrayList<>();
    private final List<DeviceEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private XBeeService service;
    private ServiceRegistration<ProtocolAdapter> registration;

    static XBeeSettings settings(XBeeConfig config) {
        return new XBeeSettings(config.radio(), config.baudRate(), Duration.ofSeconds(config.discoverySeconds()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addSampleListener(SampleListener listener) {
        sampleListeners.add(listener);
        if (service != null) {
            service.adapter().addSampleListener(listener);
        }
    }

    synchronized void removeSampleListener(SampleListener listener) {
        sampleListeners.remove(listener);
        if (service != null) {
            service.adapter().removeSampleListener(listener);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addDeviceEventListener(DeviceEventListener listener) {
        eventListeners.add(listener);
        if (service != null) {
            service.adapter().addDeviceEventListener(listener);
        }
    }

    synchronized void removeDeviceEventListener(DeviceEventListener listener) {
        eventListeners.remove(listener);
        if (service != null) {
            service.adapter().removeDeviceEventListener(listener);
        }
    }

    @Activate
    synchronized void activate(XBeeConfig config, BundleContext context) {
        service = XBeeService.start(settings(config), Clock.systemUTC());
        sampleListeners.forEach(service.adapter()::addSampleListener);
        eventListeners.forEach(service.adapter()::addDeviceEventListener);
        registration = context.registerService(ProtocolAdapter.class, service.adapter(), null);
    }

    @Deactivate
    synchronized void deactivate() {
        registration.unregister();
        service.close();
        service = null;
    }

    synchronized XBeeService service() {
        return service;
    }
}
