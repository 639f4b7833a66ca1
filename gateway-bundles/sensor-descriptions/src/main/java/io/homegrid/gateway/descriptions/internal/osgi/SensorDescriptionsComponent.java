package io.homegrid.gateway.descriptions.internal.osgi;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;
import io.homegrid.gateway.descriptions.DescriptionSettings;
import io.homegrid.gateway.descriptions.SensorDescriptions;

/**
 * {@link SensorDescriptions} as a {@link SampleListener} service, feeding every
 * {@link MeasurementSink} service. Calibration entries ({@code smart-plug.AD1.factor = 3.58}) sit
 * next to the attributes in the configuration {@code io.homegrid.gateway.descriptions}.
 */
@Component(configurationPid = "io.homegrid.gateway.descriptions")
@Designate(ocd = SensorDescriptionsComponent.Config.class)
public final class SensorDescriptionsComponent implements SampleListener {

    @ObjectClassDefinition(name = "homegrid sensor descriptions",
            description = "How raw samples become readings; calibration as <type>.<channel>.factor / .offset entries.")
    @interface Config {
        @AttributeDefinition(name = "Default type", description = "Device type of nodes not identified yet.")
        String defaultType() default DescriptionSettings.DEFAULT_TYPE;
    }

    private final SensorDescriptions descriptions = new SensorDescriptions(DescriptionSettings.DEFAULT);

    static DescriptionSettings settings(Config config, Map<String, ?> properties) {
        return new DescriptionSettings(config.defaultType(), DescriptionSettings.DEFAULT.types()).calibrated(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(MeasurementSink sink) {
        descriptions.addSink(sink);
    }

    void removeSink(MeasurementSink sink) {
        descriptions.removeSink(sink);
    }

    @Activate
    @Modified
    void configure(Config config, Map<String, Object> properties) {
        descriptions.reconfigure(settings(config, properties));
    }

    @Override
    public void sampleReceived(RawSample sample) {
        descriptions.sampleReceived(sample);
    }
}
