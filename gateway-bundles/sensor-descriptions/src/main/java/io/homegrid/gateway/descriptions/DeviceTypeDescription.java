package io.homegrid.gateway.descriptions;

import java.util.List;
import java.util.Map;

import io.homegrid.model.SensorKind;

/** What a kind of device measures, channel by channel. */
public record DeviceTypeDescription(String type, List<ChannelDescription> channels) {

    /** The PV inverter's and the battery's power scale: 10 W a count. */
    public static final double WATTS_PER_COUNT = 10;
    /** The battery's power count that reads 0 W: the middle of the 10-bit range, so that it reads both ways. */
    public static final int ZERO_WATTS_COUNT = 512;

    public DeviceTypeDescription {
        channels = List.copyOf(channels);
    }

    /**
     * The built-in types, matching the smart plug and room sensor hardware: 10-bit ADCs on a 1.2 V
     * reference; current 0–16 A on AD0, power 3.6 W a count on AD1, a TMP36 on AD2 (500 mV at
     * 0 °C, 10 mV/°C), one lux a count on AD3, the relay on DIO4; the room sensor's humidity on AD1.
     * A PV inverter's interface reports its feed-in on AD1 at 10 W a count; a battery's reports its
     * power on AD1 at 10 W a count around count 512 (0 W; above: discharging) and its state of
     * charge on AD2, full scale 100 %.
     */
    public static Map<String, DeviceTypeDescription> defaults() {
        double tmp36Factor = 1200.0 / 1023 / 10;
        return Map.of(
                "smart-plug", new DeviceTypeDescription("smart-plug", List.of(
                        new ChannelDescription("AD0", SensorKind.CURRENT, 16.0 / 1023, 0),
                        new ChannelDescription("AD1", SensorKind.POWER, 3.6, 0),
                        new ChannelDescription("AD2", SensorKind.TEMPERATURE, tmp36Factor, -50),
                        new ChannelDescription("AD3", SensorKind.LIGHT, 1, 0),
                        new ChannelDescription("DIO4", SensorKind.RELAY, 1, 0))),
                "room-sensor", new DeviceTypeDescription("room-sensor", List.of(
                        new ChannelDescription("AD1", SensorKind.HUMIDITY, 100.0 / 1023, 0),
                        new ChannelDescription("AD2", SensorKind.TEMPERATURE, tmp36Factor, -50),
                        new ChannelDescription("AD3", SensorKind.LIGHT, 1, 0))),
                "pv-inverter", new DeviceTypeDescription("pv-inverter", List.of(
                        new ChannelDescription("AD1", SensorKind.GENERATION, WATTS_PER_COUNT, 0))),
                "battery", new DeviceTypeDescription("battery", List.of(
                        new ChannelDescription("AD1", SensorKind.BATTERY, WATTS_PER_COUNT,
                                -WATTS_PER_COUNT * ZERO_WATTS_COUNT),
                        new ChannelDescription("AD2", SensorKind.SOC, 100.0 / 1023, 0))));
    }
}
