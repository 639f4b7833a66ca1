package io.homegrid.cep.internal;

/** One reading as an Esper event (JavaBean properties: gateway, device, sensor, value, time in epoch ms). */
public final class SensorEvent {

    private final String gateway;
    private final String device;
    private final String sensor;
    private final double value;
    private final long time;

    public SensorEvent(String gateway, String device, String sensor, double value, long time) {
        this.gateway = gateway;
        this.device = device;
        this.sensor = sensor;
        this.value = value;
        this.time = time;
    }

    public String getGateway() {
        return gateway;
    }

    public String getDevice() {
        return device;
    }

    public String getSensor() {
        return sensor;
    }

    public double getValue() {
        return value;
    }

    public long getTime() {
        return time;
    }
}
