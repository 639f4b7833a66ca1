package io.homegrid.gateway.xbee.connector.internal.osgi;

import java.time.Clock;
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
import io.homegrid.gateway.xbee.connector.XBeeAdapter;

/**
 * The XBee adapter as an OSGi component: feeds every {@link SampleListener} and
 * {@link DeviceEventListener} service (whiteboard) and offers the adapter as a
 * {@link ProtocolAdapter} once the radio line is being kept open.
 */
@Component(configurationPid = "io.homegrid.gateway.xbee", immediate = true, service = {})
@Designate(ocd = XBeeConfig.class)
public final class XBeeAdapterComponent {

    private final List<SampleListener> sampleListeners = new CopyOnWriteArrayList<>();
    private final List<DeviceEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private volatile XBeeAdapter adapter;
    private ServiceRegistration<ProtocolAdapter> registration;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSampleListener(SampleListener listener) {
        sampleListeners.add(listener);
    }

    void removeSampleListener(SampleListener listener) {
        sampleListeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDeviceEventListener(DeviceEventListener listener) {
        eventListeners.add(listener);
        // Bound after the radio came up (bundles start in any order): catch up on the names.
        XBeeAdapter current = adapter;
        if (current != null) {
            current.announceTo(listener);
        }
    }

    void removeDeviceEventListener(DeviceEventListener listener) {
        eventListeners.remove(listener);
    }

    @Activate
    void activate(XBeeConfig config, BundleContext context) {
        adapter = new XBeeAdapter(config.radio(), config.baudRate(), Clock.systemUTC());
        adapter.addSampleListener(sample -> sampleListeners.forEach(l -> l.sampleReceived(sample)));
        adapter.addDeviceEventListener(event -> eventListeners.forEach(l -> l.deviceEvent(event)));
        adapter.start();
        registration = context.registerService(ProtocolAdapter.class, adapter, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        adapter.close();
    }
}
