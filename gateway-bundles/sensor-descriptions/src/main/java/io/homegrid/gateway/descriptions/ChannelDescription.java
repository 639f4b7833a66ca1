package io.homegrid.gateway.descriptions;

import io.homegrid.model.SensorKind;

/**
 * One channel of a device type: an analog channel reads {@code counts * factor + offset} in the
 * sensor kind's canonical unit; a digital line reads 1 or 0.
 */
public record ChannelDescription(String channel, SensorKind sensor, double factor, double offset) {

    public boolean digital() {
        return channel.startsWith("DIO");
    }

    public double value(int counts) {
        return counts * factor + offset;
    }

    public ChannelDescription calibrated(double newFactor, double newOffset) {
        return new ChannelDescription(channel, sensor, newFactor, newOffset);
    }
}
