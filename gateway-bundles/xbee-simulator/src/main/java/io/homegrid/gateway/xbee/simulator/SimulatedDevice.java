package io.homegrid.gateway.xbee.simulator;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import io.homegrid.gateway.xbee.frames.BatteryInterface;
import io.homegrid.gateway.xbee.frames.Frames;
import io.homegrid.gateway.xbee.frames.XBeeFrame;

/**
 * One simulated ZigBee node. A smart plug reports current (AD0), power (AD1), temperature (AD2)
 * and light (AD3) as 10-bit ADC counts, and its relay on DIO4; a room sensor reports humidity
 * (AD1), temperature (AD2) and light (AD3). The scales are the plug hardware's:
 * AD0 0–16 A, AD1 0–3,683 W (3.6 W a count), AD2 a TMP36 on 1.2 V, AD3 one lux a count. A PV
 * inverter reports its feed-in on AD1 (10 W a count) from a clear-sky curve with clouds; a
 * battery reports as {@link BatteryInterface} says and follows its setpoint.
 */
public final class SimulatedDevice {

    public static final String SMART_PLUG = "smart-plug";
    public static final String ROOM_SENSOR = "room-sensor";
    public static final String PV_INVERTER = "pv-inverter";
    public static final String BATTERY = "battery";
    static final int RELAY_LINE = 4;

    private final long address64;
    private final int address16;
    private final String type;
    private final String name;
    private final LoadProfile profile;
    private final double phase;
    private final AtomicBoolean relay = new AtomicBoolean(true);
    private final AtomicBoolean joined = new AtomicBoolean(true);
    private final SimulatedBattery battery;
    private final SolarPanel panel;

    SimulatedDevice(long address64, int address16, String type, String name, LoadProfile profile, double phase) {
        this(address64, address16, type, name, profile, phase, null, null);
    }

    private SimulatedDevice(long address64, int address16, String type, String name, LoadProfile profile, double phase,
            SimulatedBattery battery, SolarPanel panel) {
        this.address64 = address64;
        this.address16 = address16;
        this.type = type;
        this.name = name;
        this.profile = profile;
        this.phase = phase;
        this.battery = battery;
        this.panel = panel;
    }

    static SimulatedDevice battery(long address64, int address16, String name, SimulatedBattery battery) {
        return new SimulatedDevice(address64, address16, BATTERY, name, LoadProfile.ROUTER, 0, battery, null);
    }

    static SimulatedDevice pvInverter(long address64, int address16, String name, SolarPanel panel) {
        return new SimulatedDevice(address64, address16, PV_INVERTER, name, LoadProfile.ROUTER, 0, null, panel);
    }

    /** The battery behind this node; null for any other kind of node. */
    public SimulatedBattery battery() {
        return battery;
    }

    /** The PV panel behind this node; null for any other kind of node. */
    public SolarPanel panel() {
        return panel;
    }

    public String address() {
        return XBeeFrame.hex(Frames.address64(address64), 0, 8);
    }

    long address64() {
        return address64;
    }

    int address16() {
        return address16;
    }

    /** The node identifier the gateway reads: {@code type:name}. */
    public String nodeIdentifier() {
        return type + ":" + name;
    }

    public String type() {
        return type;
    }

    public boolean relay() {
        return relay.get();
    }

    void relay(boolean on) {
        relay.set(on);
    }

    public boolean joined() {
        return joined.get();
    }

    void joined(boolean isJoined) {
        joined.set(isJoined);
    }

    /** What the device draws now, in watts (0 with its relay off). */
    public double watts(LocalTime time, Random noise) {
        return SMART_PLUG.equals(type) && relay.get() ? Math.max(0, profile.watts(time, phase, noise)) : 0;
    }

    XBeeFrame sample(Instant instant, LocalTime time, Random noise) {
        if (battery != null) {
            double watts = battery.advance(instant);
            return Frames.ioSample(address64, address16, 0, 0, 0x06, BatteryInterface.counts(watts),
                    counts(battery.soc() * 1023));
        }
        if (panel != null) {
            return Frames.ioSample(address64, address16, 0, 0, 0x02, counts(panel.watts(instant, time) / 10));
        }
        double temperature = 21 + 2 * Math.sin((time.toSecondOfDay() / 86_400.0 - 0.375) * 2 * Math.PI)
                + noise.nextGaussian() * 0.1;
        double light = daylight(time) + noise.nextGaussian() * 5;
        if (ROOM_SENSOR.equals(type)) {
            double humidity = 45 + 5 * Math.sin(time.toSecondOfDay() / 86_400.0 * 2 * Math.PI) + noise.nextGaussian();
            return Frames.ioSample(address64, address16, 0, 0, 0x0E, counts(humidity / 100 * 1023),
                    temperatureCounts(temperature), counts(light));
        }
        double watts = watts(time, noise);
        return Frames.ioSample(address64, address16, 1 << RELAY_LINE, relay.get() ? 1 << RELAY_LINE : 0, 0x0F,
                counts(watts / 230 / 16 * 1023), counts(watts / 3.6), temperatureCounts(temperature), counts(light));
    }

    private static int temperatureCounts(double celsius) {
        // TMP36: 500 mV at 0 °C, 10 mV per °C; 10-bit ADC on a 1.2 V reference
        return counts((500 + celsius * 10) / 1200 * 1023);
    }

    private static double daylight(LocalTime time) {
        double hour = time.toSecondOfDay() / 3600.0;
        return hour < 6 || hour > 20 ? 0 : 600 * Math.sin((hour - 6) / 14 * Math.PI);
    }

    private static int counts(double value) {
        return (int) Math.max(0, Math.min(1023, Math.round(value)));
    }
}
