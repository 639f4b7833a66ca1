package io.homegrid.gateway.descriptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homegrid.gateway.api.Measurement;
import io.homegrid.gateway.api.MeasurementSink;
import io.homegrid.gateway.api.RawSample;
import io.homegrid.gateway.api.SampleListener;

/**
 * Turns raw samples into measurements with canonical units, by the device type's description,
 * and hands them to every {@link MeasurementSink} (the cache, the device list).
 */
public final class SensorDescriptions implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(SensorDescriptions.class);

    private final List<MeasurementSink> sinks = new CopyOnWriteArrayList<>();
    private volatile DescriptionSettings settings;

    public SensorDescriptions(DescriptionSettings settings) {
        this.settings = settings;
    }

    /**
     * @param defaultType used for samples whose device has not identified its type yet
     */
    public SensorDescriptions(Map<String, DeviceTypeDescription> types, String defaultType) {
        this(new DescriptionSettings(defaultType, types));
    }

    /** New calibration or default type, for the samples from now on; the sinks stay. */
    public void reconfigure(DescriptionSettings newSettings) {
        settings = newSettings;
    }

    /**
     * Applies calibration entries {@code <type>.<channel>.factor} and {@code <type>.<channel>.offset}
     * (e.g. {@code smart-plug.AD1.factor = 3.58}) to the given descriptions.
     */
    public static Map<String, DeviceTypeDescription> calibrate(Map<String, DeviceTypeDescription> types,
            Map<String, ?> calibration) {
        Map<String, DeviceTypeDescription> calibrated = new HashMap<>();
        types.forEach((type, description) -> {
            List<ChannelDescription> channels = new ArrayList<>();
            for (ChannelDescription channel : description.channels()) {
                String prefix = type + "." + channel.channel() + ".";
                channels.add(channel.calibrated(number(calibration.get(prefix + "factor"), channel.factor()),
                        number(calibration.get(prefix + "offset"), channel.offset())));
            }
            calibrated.put(type, new DeviceTypeDescription(type, channels));
        });
        return calibrated;
    }

    public void addSink(MeasurementSink sink) {
        sinks.add(sink);
    }

    public void removeSink(MeasurementSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void sampleReceived(RawSample sample) {
        List<Measurement> measurements = describe(sample);
        if (measurements.isEmpty()) {
            return;
        }
        for (MeasurementSink sink : sinks) {
            sink.accept(measurements);
        }
    }

    public List<Measurement> describe(RawSample sample) {
        DescriptionSettings current = settings;
        String type = sample.type() == null ? current.defaultType() : sample.type();
        DeviceTypeDescription description = current.types().get(type);
        if (description == null) {
            LOG.warn("[{}] no description for device type '{}'; sample dropped", sample.device(), type);
            return List.of();
        }
        List<Measurement> measurements = new ArrayList<>();
        for (ChannelDescription channel : description.channels()) {
            if (channel.digital()) {
                Boolean level = sample.digital().get(channel.channel());
                if (level != null) {
                    measurements.add(new Measurement(sample.device(), channel.sensor(), level ? 1 : 0, sample.time()));
                }
            } else {
                Integer counts = sample.analog().get(channel.channel());
                if (counts != null) {
                    measurements.add(new Measurement(sample.device(), channel.sensor(), round(channel.value(counts)),
                            sample.time()));
                }
            }
        }
        return measurements;
    }

    /** Three decimals: the ADC resolution is far coarser, and stored values stay readable. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double number(Object configured, double fallback) {
        if (configured == null) {
            return fallback;
        }
        return configured instanceof Number n ? n.doubleValue() : Double.parseDouble(configured.toString().strip());
    }
}
