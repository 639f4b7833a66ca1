package io.homegrid.gateway.descriptions.internal.osgi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.descriptions.DeviceTypeDescription;
import io.homegrid.gateway.descriptions.SensorDescriptions;

/**
 * Sensor descriptions as a {@link SampleListener} service: calibration comes from the
 * configuration {@code io.homegrid.gateway.descriptions} ({@code smart-plug.AD1.factor = 3.58},
 * {@code defaultType = smart-plug}); every {@link MeasurementSink} service gets the readings.
 */
@Component(configurationPid = "io.homegrid.gateway.descriptions")
public final class SensorDescriptionsComponent implements SampleListener {

    private final List<MeasurementSink> sinks = new CopyOnWriteArrayList<>();
    private volatile SensorDescriptions descriptions;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(MeasurementSink sink) {
        sinks.add(sink);
    }

    void removeSink(MeasurementSink sink) {
        sinks.remove(sink);
    }

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        Object defaultType = config.getOrDefault("defaultType", "smart-plug");
        descriptions = new SensorDescriptions(SensorDescriptions.calibrate(DeviceTypeDescription.defaults(), config),
                defaultType.toString());
    }

    @Override
    public void sampleReceived(RawSample sample) {
        List<Measurement> measurements = descriptions.describe(sample);
        if (!measurements.isEmpty()) {
            sinks.forEach(sink -> sink.accept(measurements));
        }
    }
}
