package io.homegrid.gateway.descriptions;

import java.util.Map;

/**
 * What the sensor descriptions know; the one home of their defaults.
 *
 * @param defaultType used for samples whose device has not identified its type yet
 * @param types       the device types, calibrated
 */
public record DescriptionSettings(String defaultType, Map<String, DeviceTypeDescription> types) {

    public static final String DEFAULT_TYPE = "smart-plug";
    public static final DescriptionSettings DEFAULT = new DescriptionSettings(DEFAULT_TYPE, DeviceTypeDescription.defaults());

    public DescriptionSettings {
        types = Map.copyOf(types);
    }

    /** With calibration entries {@code <type>.<channel>.factor} / {@code .offset} applied; see {@link SensorDescriptions#calibrate}. */
    public DescriptionSettings calibrated(Map<String, ?> calibration) {
        return new DescriptionSettings(defaultType, SensorDescriptions.calibrate(types, calibration));
    }
}
